/// Workload-to-workload reachability, plus "internet" (any public address) as the last row and
/// column: one cell per ordered pair, allowed when some port (or the given one) is open both ways.
public struct NetworkMatrix: Sendable {
    public struct Cell: Sendable, Hashable {
        public var allowed: Bool
        /// A port the connection is allowed on (the given one, or the lowest found).
        public var port: Int?
        public var proto: NetworkProtocol?

        public init(allowed: Bool, port: Int?, proto: NetworkProtocol?) {
            self.allowed = allowed
            self.port = port
            self.proto = proto
        }
    }

    /// Row/column names; the last is `internet`.
    public var names: [String]
    /// `cells[from][to]`; internet to internet is not a question and is never allowed.
    public var cells: [[Cell]]

    public static let internetName = "internet"

    public init(_ reachability: NetworkReachability, port fixed: (port: Int, proto: NetworkProtocol)? = nil) {
        let model = reachability.model
        let order = model.endpoints.indices.sorted {
            let a = model.endpoints[$0]
            let b = model.endpoints[$1]
            return (a.namespace, a.name, a.kind) < (b.namespace, b.name, b.kind)
        }
        names = order.map { reachability.describe(.endpoint($0)) } + [Self.internetName]
        let nodes: [Int?] = order.map { $0 } + [nil]
        let denied = Cell(allowed: false, port: nil, proto: nil)
        var cells: [[Cell]] = []
        // Candidate ports depend only on the destination: compute once per column.
        let candidates = nodes.map { node in
            fixed.map { [$0] } ?? reachability.representativePorts(toward: node.map { .endpoint($0) })
        }
        for source in nodes {
            var row: [Cell] = []
            for (column, target) in nodes.enumerated() {
                var cell = denied
                for c in candidates[column] {
                    let allowed: Bool
                    switch (source, target) {
                    case (let s?, let t?):
                        allowed =
                            reachability.decide(from: .endpoint(s), to: .endpoint(t), port: c.port, protocol: c.proto)
                            .allowed
                    case (nil, let t?):
                        allowed =
                            reachability.internetAddress(.ingress, endpoint: t, port: c.port, protocol: c.proto) != nil
                    case (let s?, nil):
                        allowed =
                            reachability.internetAddress(.egress, endpoint: s, port: c.port, protocol: c.proto) != nil
                    case (nil, nil):
                        allowed = false
                    }
                    if allowed {
                        cell = Cell(allowed: true, port: c.port, proto: c.proto)
                        break
                    }
                }
                row.append(cell)
            }
            cells.append(row)
        }
        self.cells = cells
    }
}
