import PalisadeCore

/// Shortest attack paths to the crown jewels.
///
/// For each jewel kind one multi-target reverse BFS gives every node its distance (in edges) to the
/// nearest jewel of that kind, O(V+E). Paths are then walked forward along next hops, so finding
/// the path of every exposed workload costs its length, not a BFS per workload.
public struct AttackPathFinder: Sendable {
    public let graph: AttackGraph
    /// Distance to the nearest jewel of each kind (`CrownJewel.allCases` order); `-1` = unreachable.
    private let distances: [[Int32]]
    /// Each node's position in id order, so tie-breaks compare integers, not strings.
    private let idRank: [Int32]

    /// Edge kinds by which the internet reaches a workload: the entry part of a path.
    public static let exposureKinds: Set<GraphEdgeKind> = [
        .exposedByLoadBalancer, .exposedByNodePort, .exposedByIngress, .exposedByHostPort,
        .ingressRoutesToService, .serviceSelectsWorkload,
    ]

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownNode(String, suggestion: String?)

        public var description: String {
            switch self {
            case .unknownNode(let id, let suggestion):
                "no node '\(id)' in the attack graph" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
            }
        }
    }

    public init(graph: AttackGraph) {
        self.graph = graph
        var incoming = [[Int32]](repeating: [], count: graph.nodes.count)
        for (e, edge) in graph.edges.enumerated() { incoming[edge.to].append(Int32(e)) }
        distances = CrownJewel.allCases.map { jewel in Self.reverseBFS(graph, incoming, jewel) }
        var rank = [Int32](repeating: 0, count: graph.nodes.count)
        for (position, node) in graph.nodes.indices.sorted(by: { graph.nodes[$0].id < graph.nodes[$1].id }).enumerated()
        {
            rank[node] = Int32(position)
        }
        idRank = rank
    }

    private static func reverseBFS(_ graph: AttackGraph, _ incoming: [[Int32]], _ jewel: CrownJewel) -> [Int32] {
        var dist = [Int32](repeating: -1, count: graph.nodes.count)
        var queue: [Int] = []
        for (i, node) in graph.nodes.enumerated() where node.crownJewel == jewel {
            dist[i] = 0
            queue.append(i)
        }
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            for e in incoming[v] {
                let u = graph.edges[Int(e)].from
                if dist[u] < 0 {
                    dist[u] = dist[v] + 1
                    queue.append(u)
                }
            }
        }
        return dist
    }

    /// Edges from `node` to the nearest jewel of the kind: at each step the edge into a node one
    /// step closer, ties broken by the lower target id, then the edge kind. `nil` when unreachable.
    public func walk(from node: Int, to jewel: CrownJewel) -> [Int]? {
        let dist = distances[CrownJewel.allCases.firstIndex(of: jewel)!]
        guard dist[node] > 0 else { return nil }
        var path: [Int] = []
        var u = node
        while dist[u] > 0 {
            var best: Int?
            for e in graph.outgoing[u] where dist[graph.edges[e].to] == dist[u] - 1 {
                guard let b = best else {
                    best = e
                    continue
                }
                let (x, y) = (graph.edges[e], graph.edges[b])
                let (xid, yid) = (idRank[x.to], idRank[y.to])
                if xid < yid || (xid == yid && x.kind < y.kind) { best = e }
            }
            guard let step = best else { return nil }
            path.append(step)
            u = graph.edges[step].to
        }
        return path
    }

    /// Distance in edges from the node to the nearest jewel of the kind, `nil` when unreachable.
    public func distance(from node: Int, to jewel: CrownJewel) -> Int? {
        let d = distances[CrownJewel.allCases.firstIndex(of: jewel)!][node]
        return d < 0 ? nil : Int(d)
    }

    /// One shortest path per (internet-exposed workload, jewel kind), ranked by jewel severity, then
    /// length, then the entry's id; at most `maxPaths` when given.
    public func paths(maxPaths: Int? = nil) -> [AttackPath] {
        guard let internet = graph.index(of: GraphNodeID.internet) else { return [] }
        // Shortest exposure chains: a BFS from the internet over exposure edges only, so an entry's
        // prefix is how the internet reaches it, never a lateral move.
        var parent = [Int](repeating: -1, count: graph.nodes.count)
        var seen = [Bool](repeating: false, count: graph.nodes.count)
        seen[internet] = true
        var queue = [internet]
        var entries: [Int] = []
        var head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            for e in graph.outgoing[u] where Self.exposureKinds.contains(graph.edges[e].kind) {
                let v = graph.edges[e].to
                if seen[v] { continue }
                seen[v] = true
                parent[v] = e
                queue.append(v)
                if graph.nodes[v].kind == .workload { entries.append(v) }
            }
        }
        var ranked: [(path: AttackPath, entry: String)] = []
        for entry in entries {
            var prefix: [Int] = []
            var v = entry
            while parent[v] >= 0 {
                prefix.append(parent[v])
                v = graph.edges[parent[v]].from
            }
            prefix.reverse()
            for jewel in CrownJewel.allCases {
                guard let rest = walk(from: entry, to: jewel) else { continue }
                ranked.append((AttackPath(edges: prefix + rest, jewel: jewel), graph.nodes[entry].id))
            }
        }
        ranked.sort { a, b in
            if a.path.jewel != b.path.jewel { return Self.rank(a.path.jewel) < Self.rank(b.path.jewel) }
            if a.path.length != b.path.length { return a.path.length < b.path.length }
            return a.entry < b.entry
        }
        let all = ranked.map(\.path)
        guard let maxPaths else { return all }
        return Array(all.prefix(max(0, maxPaths)))
    }

    /// The shortest path from a node (a workload assumed compromised, a service account, ...) to
    /// each jewel kind it reaches, most severe first.
    public func paths(from id: String) throws(Failure) -> [AttackPath] {
        guard let node = graph.index(of: id) else {
            throw .unknownNode(id, suggestion: Self.closest(to: id, in: graph.nodes.map(\.id)))
        }
        return CrownJewel.allCases.sorted { Self.rank($0) < Self.rank($1) }.compactMap { jewel in
            walk(from: node, to: jewel).map { AttackPath(edges: $0, jewel: jewel) }
        }
    }

    /// Most severe first; for equal severity, `CrownJewel.allCases` order.
    static func rank(_ jewel: CrownJewel) -> Int {
        let order = CrownJewel.allCases.firstIndex(of: jewel)!
        return (4 - jewel.severity.rankValue) * 10 + order
    }

    /// The id sharing the longest prefix with `id` (at least its kind, `workload:`), for error messages.
    static func closest(to id: String, in ids: [String]) -> String? {
        var best: (String, Int)?
        let target = Array(id.utf8)
        for candidate in ids {
            var n = 0
            for (a, b) in zip(target, candidate.utf8) {
                if a != b { break }
                n += 1
            }
            if n > (best?.1 ?? 0), candidate.contains(":"),
                n >= (candidate.firstIndex(of: ":")?.utf16Offset(in: candidate) ?? 0) + 1
            {
                best = (candidate, n)
            }
        }
        return best?.0
    }
}

extension Severity {
    /// 0 (info) to 4 (critical).
    var rankValue: Int { Severity.allCases.firstIndex(of: self)! }
}
