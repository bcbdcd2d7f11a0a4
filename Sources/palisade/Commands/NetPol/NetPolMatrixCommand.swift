import ArgumentParser
import PalisadeKube

/// `palisade netpol matrix PATH...`: workload-to-workload reachability, plus the internet.
struct NetPolMatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Print which workloads can connect to which (rows: from, columns: to), plus the internet.",
        discussion: """
            Without --port a cell is "yes" when some port and protocol is open both ways (checked exactly: every \
            port bound the policies and the destination's container ports create). "internet" is any public \
            address: its row is ingress from outside, its column egress to outside.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case csv
        case json
    }

    @Argument(help: ArgumentHelp("Manifest files or directories; - reads stdin.", valueName: "PATH"))
    var paths: [String]

    @Option(help: ArgumentHelp("Only this destination port: PORT or PORT/PROTOCOL.", valueName: "PORT"))
    var port: String?

    @Option(help: "Output format: table, csv or json.")
    var format: Format = .table

    func run() throws {
        let fixed = try port.map(NetPolInputs.port)
        let reachability = try NetPolInputs.load(paths)
        let matrix = NetworkMatrix(reachability, port: fixed)
        switch format {
        case .table: print(Self.table(matrix), terminator: "")
        case .csv: print(Self.csv(matrix), terminator: "")
        case .json:
            var cells: [NetPolJSON.Cell] = []
            for (i, row) in matrix.cells.enumerated() {
                for (j, cell) in row.enumerated() where !(i == j && i == matrix.names.count - 1) {
                    cells.append(
                        NetPolJSON.Cell(
                            from: matrix.names[i], to: matrix.names[j], allowed: cell.allowed, port: cell.port,
                            proto: cell.proto?.rawValue))
                }
            }
            let label = fixed.map { "\($0.port)/\($0.proto.rawValue)" }
            print(try NetPolJSON.encode(NetPolJSON.Matrix(port: label, nodes: matrix.names, cells: cells)))
        }
    }

    /// Rows are numbered; columns use the numbers so the table stays narrow.
    static func table(_ matrix: NetworkMatrix) -> String {
        let count = matrix.names.count
        let width = max(String(count).count, 3)
        let nameWidth = (matrix.names.map(\.count).max() ?? 0) + String(count).count + 3
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        var out = pad("from \\ to", nameWidth)
        for j in 0..<count { out += " " + pad(String(j + 1), width) }
        out += "\n"
        for (i, row) in matrix.cells.enumerated() {
            out += pad("\(i + 1). \(matrix.names[i])", nameWidth)
            for (j, cell) in row.enumerated() {
                let mark = i == count - 1 && j == count - 1 ? "" : cell.allowed ? "yes" : "-"
                out += " " + pad(mark, width)
            }
            out += "\n"
        }
        return out
    }

    static func csv(_ matrix: NetworkMatrix) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var out = (["from\\to"] + matrix.names).map(field).joined(separator: ",") + "\n"
        let last = matrix.names.count - 1
        for (i, row) in matrix.cells.enumerated() {
            let cells = row.enumerated().map { j, cell in i == last && j == last ? "" : cell.allowed ? "yes" : "no" }
            out += ([field(matrix.names[i])] + cells).joined(separator: ",") + "\n"
        }
        return out
    }
}
