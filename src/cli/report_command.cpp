#include "cli/report_command.hpp"

#include <fstream>
#include <ostream>

#include "serve/html_report.hpp"
#include "serve/posture.hpp"
#include "store/store.hpp"
#include "store/time.hpp"

namespace stance::cli {

int run_report(const ReportArgs& args, Streams streams) {
  std::string text;
  try {
    auto db = store::open_store(args.db, store::OpenMode::MustExist);
    const serve::Posture posture = serve::load_posture(*db);
    text = serve::html_report(posture, args.db, store::iso_utc(store::now_epoch_seconds()));
  } catch (const store::StoreError& e) {
    streams.err << "stance: error: " << e.what() << '\n';
    return kExitIncomplete;
  }
  if (args.output.empty() || args.output == "-") {
    streams.out << text;
    return kExitOk;
  }
  std::ofstream file(args.output, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) {
    streams.err << "stance: error: cannot write the report to " << args.output << '\n';
    return kExitIncomplete;
  }
  return kExitOk;
}

}  // namespace stance::cli
