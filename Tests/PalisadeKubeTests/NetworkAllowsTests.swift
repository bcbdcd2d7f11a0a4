import Foundation
import PalisadeKube
import Testing

/// `allows` is `decide(...).allowed` without the explanation: the two must agree on every pair,
/// port and protocol of real policies, with pods and external addresses as either side.
@Suite struct NetworkAllowsTests {
    static func fixture(_ directory: String) -> NetworkFixture {
        let files =
            (try? FileManagerListing.yamlFiles(in: NetworkFixture.root.appendingPathComponent(directory).path))
            ?? []
        return NetworkFixture(files: files.map { directory + "/" + $0 })
    }

    @Test(arguments: ["microservices-demo", "kube-prometheus"])
    func agreesWithDecide(_ directory: String) throws {
        let f = Self.fixture(directory)
        let endpoints = f.model.endpoints
        try #require(!endpoints.isEmpty)
        var addresses = endpoints.indices.map { NetworkAddress.endpoint($0) }
        for text in ["203.0.113.5", "10.0.0.1", "172.17.1.1", "192.168.5.5", "2001:db8::1"] {
            if let ip = IPAddress(text) { addresses.append(.external(ip)) }
        }
        var ports: Set<Int> = [53, 80, 443, 5978, 6379, 8080, 9090]
        for endpoint in endpoints { for port in endpoint.ports { ports.insert(port.number) } }
        var checked = 0
        for from in addresses {
            for to in addresses {
                for port in ports.sorted() {
                    for proto in [NetworkProtocol.tcp, .udp] {
                        let fast = f.reachability.allows(from: from, to: to, port: port, protocol: proto)
                        let full = f.reachability.decide(from: from, to: to, port: port, protocol: proto).allowed
                        #expect(fast == full, "\(from) -> \(to) \(port)/\(proto)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 100)
    }
}

/// Lists the manifest files of a fixture directory, sorted.
enum FileManagerListing {
    static func yamlFiles(in path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }
}
