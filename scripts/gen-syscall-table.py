#!/usr/bin/env python3
"""Generates Sources/PalisadeSeccomp/Syscalls/SyscallTableData.swift from the Linux kernel's
syscall numbers saved under Tests/Fixtures/linux-syscalls/ (see SOURCES.md there):

  x86_64   unistd_64.h            (from arch/x86/entry/syscalls/syscall_64.tbl, ABIs common+64)
  x86      unistd_32.h            (from arch/x86/entry/syscalls/syscall_32.tbl)
  x32      unistd_x32.h           (syscall_64.tbl, ABIs common+x32; numbers are 0x40000000 + nr)
  aarch64  asm-generic-unistd.h   (evaluated with cpp as arch/arm64/include/uapi/asm/unistd.h does)
  arm      arm-syscall.tbl        (arch/arm/tools/syscall.tbl, ABIs common+eabi: the EABI seccomp sees)

and, on top of the Linux 6.1 headers, the rows added since (451-462) from newer kernel tables:
  x86_64, x32  syscall_64-additions.tbl     (syscall_64.tbl rows; ABIs as above)
  aarch64      generic-syscall-additions.tbl (scripts/syscall.tbl rows, ABI common)

Usage: scripts/gen-syscall-table.py [--check]
  --check  exit 1 when the committed Swift file differs from what would be generated.

The Swift side holds one multi-line string per architecture ("NUMBER NAME" lines) that
SyscallTable parses once: a string literal type-checks instantly where an array literal of
tuples this size takes the compiler minutes.
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "linux-syscalls")
OUTPUT = os.path.join(ROOT, "Sources", "PalisadeSeccomp", "Syscalls", "SyscallTableData.swift")
X32_SYSCALL_BIT = 0x40000000

# arch/arm64/include/uapi/asm/unistd.h (Linux 6.1) defines these before including
# asm-generic/unistd.h; arm64 is 64-bit, so __BITS_PER_LONG is 64.
ARM64_WANTS = [
    "__ARCH_WANT_RENAMEAT",
    "__ARCH_WANT_NEW_STAT",
    "__ARCH_WANT_SET_GET_RLIMIT",
    "__ARCH_WANT_TIME32_SYSCALLS",
    "__ARCH_WANT_SYS_CLONE3",
    "__ARCH_WANT_MEMFD_SECRET",
]

DEFINE = re.compile(r"^#define\s+__NR_(\w+)\s+(.+?)\s*$")


def parse_x86_header(path, base=0):
    """`#define __NR_name N` or `#define __NR_name (__X32_SYSCALL_BIT + N)`."""
    table = {}
    with open(path) as f:
        for line in f:
            m = DEFINE.match(line)
            if not m:
                continue
            name, value = m.group(1), m.group(2)
            value = value.replace("(__X32_SYSCALL_BIT + ", "").rstrip(")")
            table[name] = int(value, 0) + base
    return table


def parse_asm_generic(path):
    """Runs the C preprocessor over asm-generic/unistd.h with arm64's wants and reads the
    resulting __NR_ macros (resolving the __NR3264_ indirection 64-bit architectures use)."""
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "asm"))
        with open(os.path.join(tmp, "asm", "bitsperlong.h"), "w") as f:
            f.write("#define __BITS_PER_LONG 64\n")
        main = os.path.join(tmp, "main.h")
        with open(main, "w") as f:
            for want in ARM64_WANTS:
                f.write(f"#define {want}\n")
            f.write(f'#include "{os.path.abspath(path)}"\n')
        out = subprocess.run(
            ["cpp", "-dM", "-undef", "-nostdinc", "-I", tmp, main],
            check=True, capture_output=True, text=True).stdout
    macros = {}
    for line in out.splitlines():
        parts = line.split(None, 2)
        if len(parts) == 3 and parts[0] == "#define":
            macros[parts[1]] = parts[2].strip()

    def resolve(value, depth=0):
        value = value.strip()
        if value.startswith("(") and value.endswith(")"):
            value = value[1:-1].strip()
        if re.fullmatch(r"\d+", value):
            return int(value)
        if depth < 5 and value in macros:
            return resolve(macros[value], depth + 1)
        return None

    table = {}
    for macro, value in macros.items():
        if not macro.startswith("__NR_") or macro.startswith("__NR3264_"):
            continue
        name = macro[len("__NR_"):]
        if name in ("syscalls", "arch_specific_syscall"):
            continue
        number = resolve(value)
        if number is None:
            raise SystemExit(f"cannot resolve {macro} = {value}")
        table[name] = number
    return table


def parse_tbl(path, abis, base=0):
    table = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            if len(parts) >= 3 and parts[1] in abis:
                table[parts[2]] = int(parts[0]) + base
    return table


def swift_literal(table):
    rows = sorted(table.items(), key=lambda item: (item[1], item[0]))
    return "\n".join(f"        {number} {name}" for name, number in rows)


def merged(base, additions):
    """The base table with rows from a newer kernel; a name or number both define must agree."""
    out = dict(base)
    numbers = {number: name for name, number in base.items()}
    for name, number in additions.items():
        if out.get(name, number) != number or numbers.get(number, name) != name:
            raise SystemExit(f"additions disagree with the base table: {name} {number}")
        out[name] = number
    return out


def generate():
    fixture = lambda name: os.path.join(FIXTURES, name)
    x86_64_new = fixture("syscall_64-additions.tbl")
    tables = [
        ("x86_64", merged(parse_x86_header(fixture("unistd_64.h")), parse_tbl(x86_64_new, {"common", "64"}))),
        ("x86", parse_x86_header(fixture("unistd_32.h"))),
        ("x32", merged(
            parse_x86_header(fixture("unistd_x32.h"), base=X32_SYSCALL_BIT),
            parse_tbl(x86_64_new, {"common", "x32"}, base=X32_SYSCALL_BIT))),
        ("aarch64", merged(
            parse_asm_generic(fixture("asm-generic-unistd.h")),
            parse_tbl(fixture("generic-syscall-additions.tbl"), {"common", "64"}))),
        ("arm", parse_tbl(fixture("arm-syscall.tbl"), {"common", "eabi"})),
    ]
    out = [
        "// Generated by scripts/gen-syscall-table.py from Tests/Fixtures/linux-syscalls (Linux kernel",
        "// syscall numbers; see SOURCES.md there). Do not edit: change the inputs and run the script.",
        "// swift-format-ignore-file",
        "",
        "extension SyscallTable {",
        "    /// \"NUMBER NAME\" lines per architecture, parsed once by `SyscallTable`.",
        "    static func source(for arch: SeccompArchitecture) -> String? {",
        "        switch arch {",
    ]
    for arch, _ in tables:
        out.append(f"        case .{arch}: {arch}Source")
    out += ["        default: nil", "        }", "    }", ""]
    for arch, table in tables:
        out.append(f"    /// {len(table)} syscalls.")
        out.append(f'    private static let {arch}Source = """')
        out.append(swift_literal(table))
        out.append('        """')
        out.append("")
    out[-1] = "}"
    return "\n".join(out) + "\n", {arch: len(table) for arch, table in tables}


def main():
    text, counts = generate()
    if "--check" in sys.argv[1:]:
        with open(OUTPUT) as f:
            if f.read() != text:
                print(f"{OUTPUT} is stale: run scripts/gen-syscall-table.py", file=sys.stderr)
                return 1
        return 0
    with open(OUTPUT, "w") as f:
        f.write(text)
    print(", ".join(f"{arch}: {n}" for arch, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
