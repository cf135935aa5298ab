# Shared by the serve end-to-end tests: a history made by `stance scan --db` on a small template directory,
# and `stance serve` started on a free port.
#   source serve_lib.sh; make_history DIR; start_serve DIR [ARGS...]; ... ; stop_serve
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }

# Two scans of DIR/repo: first the audit trail is fine, then its selectors go ReadOnly (a regression), with a
# second trail's CT-010 failure suppressed and a third trail passing.
make_history() {
  local dir=$1
  mkdir -p "$dir/repo"
  cat > "$dir/repo/trails.yaml" <<'YAML'
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      IsMultiRegionTrail: true
      S3BucketName: logs
      EventSelectors:
        - ReadWriteType: All
  SandboxTrail:
    Type: AWS::CloudTrail::Trail
    Metadata:
      stance:
        suppress:
          - rule: CT-010
            reason: sandbox account, reviewed
    Properties:
      IsLogging: true
      S3BucketName: logs
      EventSelectors:
        - ReadWriteType: ReadOnly
  GoodTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      EventSelectors:
        - ReadWriteType: All
YAML
  # Every rule, so that the finding list has several rules and statuses to filter.
  "$STANCE" scan "$dir/repo" --all-rules --db "$dir/history.db" -q > /dev/null || true
  sed -i '0,/ReadWriteType: All/s//ReadWriteType: ReadOnly/' "$dir/repo/trails.yaml"
  "$STANCE" scan "$dir/repo" --all-rules --db "$dir/history.db" -q > /dev/null || true
}

SERVE_PID=""
SERVE_URL=""
# Starts `stance serve --db DIR/history.db --listen 127.0.0.1:0 ARGS...` and waits for its address.
start_serve() {
  local dir=$1
  shift
  "$STANCE" serve --db "$dir/history.db" --listen 127.0.0.1:0 "$@" > "$dir/serve.out" 2> "$dir/serve.err" &
  SERVE_PID=$!
  for _ in $(seq 100); do
    SERVE_URL=$(sed -n 's|^stance serve: listening on \(http://[^ ]*\)/$|\1|p' "$dir/serve.out")
    [ -n "$SERVE_URL" ] && return 0
    kill -0 "$SERVE_PID" 2> /dev/null || fail "stance serve exited: $(cat "$dir/serve.err")"
    sleep 0.1
  done
  fail "stance serve did not say where it listens"
}

# Stops the server with SIGTERM and checks that it stopped cleanly.
stop_serve() {
  kill -TERM "$SERVE_PID"
  local code=0
  wait "$SERVE_PID" || code=$?
  [ "$code" = 0 ] || fail "stance serve exited $code on SIGTERM"
  SERVE_PID=""
}
