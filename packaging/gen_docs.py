#!/usr/bin/env python3
"""Generates the man page and the shell completions from the built stance's own --help.

The options are defined once, in the command line's code (src/cli/app.cpp); `--help` prints them. Reading
that output (recursively through the subcommands) keeps the man page and the completions in step with the
binary: an option added there appears here at the next build.

Usage: gen_docs.py STANCE_BINARY OUTPUT_DIR VERSION
Writes OUTPUT_DIR/stance.1, OUTPUT_DIR/stance.bash, OUTPUT_DIR/_stance (zsh) and OUTPUT_DIR/stance.fish.
"""

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field

# A line of an option or subcommand list: two spaces, the names, then the text at a fixed column (or on the
# next line when the names are too wide).
ITEM = re.compile(r"^  (\S.*?)(?:\s{2,}(\S.*))?$")
HEADING = re.compile(r"^([A-Z][A-Za-z0-9 /-]*):$")


@dataclass
class Option:
    names: list
    takes_value: bool
    value_hint: str
    text: str
    group: str


@dataclass
class Command:
    path: list
    description: str = ""
    usage: str = ""
    options: list = field(default_factory=list)
    positionals: list = field(default_factory=list)
    subcommands: list = field(default_factory=list)  # (name, description)
    footer: list = field(default_factory=list)
    children: list = field(default_factory=list)


def help_text(binary, path):
    out = subprocess.run([binary] + path + ["--help"], capture_output=True, text=True, timeout=30)
    if out.returncode != 0:
        sys.exit(f"gen_docs: {' '.join(['stance'] + path)} --help exited {out.returncode}: {out.stderr}")
    return out.stdout


def parse(binary, path):
    command = Command(path=path)
    section, items, description = None, [], []
    lines = help_text(binary, path).splitlines()
    for line in lines:
        if line.startswith("Usage: "):
            command.usage = line[len("Usage: "):]
            section = "after-usage"
            continue
        heading = HEADING.match(line)
        if heading and section is not None:
            section = heading.group(1)
            continue
        if section is None:
            description.append(line)
        elif line.startswith("  ") and section not in ("after-usage", "footer"):
            if line.startswith("    ") and items:  # the text of an item whose names filled the line
                items[-1][2] = (items[-1][2] + " " + line.strip()).strip()
                continue
            m = ITEM.match(line)
            if m:
                items.append([section, m.group(1), m.group(2) or ""])
        elif line.strip() and section not in ("after-usage",):
            section = "footer"
            command.footer.append(line)
    command.description = " ".join(d.strip() for d in description if d.strip())
    for section, names, text in items:
        if section == "Subcommands":
            command.subcommands.append((names.split()[0], text))
        elif section == "Positionals":
            command.positionals.append((names.split()[0], text))
        else:
            head = names.split(" ", 1)
            flags = [n for n in head[0].split(",") if n.startswith("-")]
            hint = head[1].strip() if len(head) > 1 else ""
            command.options.append(Option(flags, bool(hint), hint, text, section))
    for name, _ in command.subcommands:
        command.children.append(parse(binary, path + [name]))
    return command


def walk(command):
    yield command
    for child in command.children:
        yield from walk(child)


def roff(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + line) if line.startswith((".", "'")) else line for line in text.split("\n"))


def man_page(root, version):
    out = [f'.TH STANCE 1 "" "stance {version}" "User Commands"',
           ".SH NAME", "stance \\- " + roff(root.description.split(".")[0].split("\u2014")[-1].strip() or "CloudTrail posture engine"),
           ".SH SYNOPSIS"]
    for command in walk(root):
        if command.usage and not command.subcommands:
            out += [".B " + roff(command.usage.split(" ")[0]), roff(" ".join(command.usage.split(" ")[1:])), ".br"]
    out += [".SH DESCRIPTION", roff(root.description)]
    for command in walk(root):
        if command is root:
            continue
        out += [".SH " + roff(" ".join(["stance"] + command.path).upper()), roff(command.description)]
        if command.usage:
            out += [".PP", ".B Usage:", roff(command.usage)]
        for name, text in command.positionals:
            out += [".TP", ".I " + roff(name), roff(text)]
        group = None
        for option in command.options:
            if option.group != group and option.group not in ("Options",):
                out += [".SS " + roff(option.group)]
            group = option.group
            hint = f" \\fI{roff(option.value_hint)}\\fR" if option.takes_value else ""
            out += [".TP", "\\fB" + roff(", ".join(option.names)) + "\\fR" + hint, roff(option.text)]
    footer = [line.strip() for line in root.footer if line.strip()]
    if footer:
        out += [".SH EXIT STATUS" if footer[0].startswith("Exit") else ".SH NOTES"]
        out += [roff(line) + "\n.br" for line in footer]
    out += [".SH SEE ALSO", "\\fBstance kb list\\fR, \\fBstance kb show CT\\-010\\fR"]
    return "\n".join(out) + "\n"


def bash_completion(root):
    cases = []
    for command in walk(root):
        words = " ".join([o for opt in command.options for o in opt.names] + [s for s, _ in command.subcommands])
        valued = "|".join(o for opt in command.options if opt.takes_value for o in opt.names)
        key = " ".join(command.path)
        cases.append(f'    "{key}") words="{words}"; valued="{valued}" ;;')
    subcommands = sorted({s for c in walk(root) for s, _ in c.subcommands})
    return f"""# bash completion for stance (generated from `stance --help`)
_stance() {{
  local cur prev path="" w words valued
  cur=${{COMP_WORDS[COMP_CWORD]}}
  prev=${{COMP_WORDS[COMP_CWORD-1]}}
  for w in "${{COMP_WORDS[@]:1:COMP_CWORD-1}}"; do
    case " {' '.join(subcommands)} " in *" $w "*) path="${{path:+$path }}$w" ;; esac
  done
  case "$path" in
{chr(10).join(cases)}
    *) words=""; valued="" ;;
  esac
  if [ -n "$valued" ] && [[ "|$valued|" == *"|$prev|"* ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  elif [[ "$cur" == -* ]] || [ -z "$path" ]; then
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$words" -- "$cur") $(compgen -f -- "$cur"))
  fi
}}
complete -o filenames -F _stance stance
"""


def zsh_quote(text):
    return text.replace("\\", "\\\\").replace("'", "'\\''").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:")


def zsh_completion(root):
    funcs = []
    for command in walk(root):
        name = "_stance" + "".join("_" + p for p in command.path)
        specs = []
        for option in command.options:
            value = ":value:_files" if option.takes_value else ""
            text = zsh_quote(option.text[:80])
            if len(option.names) > 1:
                exclusive = " ".join(option.names)
                names = "{" + ",".join(option.names) + "}"
                specs.append(f"'({exclusive})'{names}'[{text}]{value}'")
            else:
                specs.append(f"'{option.names[0]}[{text}]{value}'")
        if command.subcommands:
            described = " ".join(f"'{s}:{zsh_quote(d[:60])}'" for s, d in command.subcommands)
            specs.append("'1: :->command'")
            specs.append("'*:: :->args'")
            body = (f"  _arguments -C \\\n    " + " \\\n    ".join(specs) + "\n"
                    f"  case $state in\n"
                    f"    command) local -a subcommands=({described}); _describe command subcommands ;;\n"
                    f"    args) local f={name}_$words[1]; (( $+functions[$f] )) && $f ;;\n"
                    f"  esac")
        else:
            specs.append("'*:file:_files'")
            body = "  _arguments \\\n    " + " \\\n    ".join(specs)
        funcs.append(f"{name}() {{\n{body}\n}}")
    return "#compdef stance\n# zsh completion for stance (generated from `stance --help`)\n\n" + \
        "\n\n".join(funcs) + "\n\n_stance \"$@\"\n"


def fish_completion(root):
    lines = ["# fish completion for stance (generated from `stance --help`)"]
    for command in walk(root):
        if command.path:
            condition = " ".join(f"__fish_seen_subcommand_from {p};" for p in command.path).rstrip(";")
            condition = f"-n '{condition.replace(';', '; and')}'"
        else:
            condition = "-n '__fish_use_subcommand'"
        for sub, text in command.subcommands:
            lines.append(f"complete -c stance {condition} -f -a {sub} -d {fish_quote(text[:80])}")
        for option in command.options:
            parts = []
            for n in option.names:
                parts.append(f"-l {n[2:]}" if n.startswith("--") else f"-s {n[1:]}")
            value = " -r" if option.takes_value else ""
            lines.append(f"complete -c stance {condition} {' '.join(parts)}{value} -d {fish_quote(option.text[:80])}")
    return "\n".join(lines) + "\n"


def fish_quote(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def main():
    binary, outdir, version = sys.argv[1:4]
    root = parse(binary, [])
    os.makedirs(outdir, exist_ok=True)
    for name, text in (("stance.1", man_page(root, version)), ("stance.bash", bash_completion(root)),
                       ("_stance", zsh_completion(root)), ("stance.fish", fish_completion(root))):
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
