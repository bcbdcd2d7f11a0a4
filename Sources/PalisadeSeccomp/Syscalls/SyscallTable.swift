/// Syscall names and numbers for the architectures Palisade generates and checks profiles for
/// (`SeccompArchitecture.withTable`), from the Linux kernel's own tables (see
/// `SyscallTableData.swift` and scripts/gen-syscall-table.py). Compiled in, so a profile can be
/// read, graded and generated on a machine without libseccomp, and strace's numeric
/// `syscall_0x…` entries can be named.
public enum SyscallTable {
    /// The number of `name` on `arch` (x32 numbers include the 0x40000000 x32 bit), or nil when
    /// the architecture has no such syscall or no table.
    public static func number(of name: String, on arch: SeccompArchitecture) -> Int? {
        tables[arch]?.numbers[name]
    }

    /// The name of syscall `number` on `arch`, or nil.
    public static func name(of number: Int, on arch: SeccompArchitecture) -> String? {
        tables[arch]?.names[number]
    }

    /// Every syscall name on `arch`, sorted; empty for an architecture without a table.
    public static func names(on arch: SeccompArchitecture) -> [String] {
        tables[arch]?.sortedNames ?? []
    }

    /// True when the name is a syscall on any architecture in the table (profiles list names for
    /// several arches at once).
    public static func isKnown(_ name: String) -> Bool {
        allNames.contains(name) || SyscallNamesElsewhere.names.contains(name)
    }

    /// One architecture's table, both directions.
    private struct ArchTable: Sendable {
        var numbers: [String: Int] = [:]
        var names: [Int: String] = [:]
        var sortedNames: [String] = []
    }

    /// Parsed once, on first use (`static let` is lazy and thread-safe).
    private static let tables: [SeccompArchitecture: ArchTable] = {
        var out: [SeccompArchitecture: ArchTable] = [:]
        for arch in SeccompArchitecture.withTable {
            guard let text = source(for: arch) else { continue }
            out[arch] = parse(text)
        }
        return out
    }()

    private static let allNames: Set<String> = Set(tables.values.flatMap { $0.numbers.keys })

    /// "NUMBER NAME" lines, as the generator writes them.
    private static func parse(_ text: String) -> ArchTable {
        var table = ArchTable()
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 2, let number = Int(fields[0]) else { continue }
            let name = String(fields[1])
            table.numbers[name] = number
            table.names[number] = name
        }
        table.sortedNames = table.numbers.keys.sorted()
        return table
    }
}
