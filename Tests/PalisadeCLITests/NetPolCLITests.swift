import Foundation
import Testing

/// `palisade netpol …` end to end on microservices-demo's manifests and NetworkPolicies.
@Suite struct NetPolCLITests {
    static let boutique = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/netpol/microservices-demo").path

    @Test func canReachYesWithExplanation() throws {
        let run = try CLIRunner.run([
            "netpol", "can-reach", "default/frontend", "default/cartservice", "--port", "7070/TCP", Self.boutique,
        ])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "yes: default/frontend -> default/cartservice on 7070/TCP")
        #expect(lines.contains { $0.hasPrefix("  selected by NetworkPolicy default/deny-all (") })
        #expect(
            lines.contains {
                $0.hasPrefix("  allowed by NetworkPolicy default/cartservice ingress[0].from[0] (")
                    && $0.hasSuffix("network-policy-cartservice.yaml:28)")
            })
    }

    @Test func canReachNoExitsOne() throws {
        let run = try CLIRunner.run([
            "netpol", "can-reach", "default/loadgenerator", "Deployment/default/cartservice", "--port", "7070",
            Self.boutique,
        ])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("no: default/loadgenerator -> default/cartservice on 7070/TCP\n"))
        #expect(run.stdout.contains("  no ingress rule of these policies admits it"))
    }

    @Test func canReachJSON() throws {
        let run = try CLIRunner.run([
            "netpol", "can-reach", "203.0.113.9", "default/frontend", "--port", "8080/tcp", "--format", "json",
            Self.boutique,
        ])
        #expect(run.status == 0)
        let json = try #require(run.json)
        #expect(json["allowed"] as? Bool == true)
        #expect(json["protocol"] as? String == "TCP")
        let egress = try #require(json["egress"] as? [String: Any])
        #expect(egress["applies"] as? Bool == false)
        let ingress = try #require(json["ingress"] as? [String: Any])
        let selected = try #require(ingress["selectedBy"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(selected.sorted() == ["deny-all", "frontend"])
        let rules = try #require(ingress["allowedBy"] as? [[String: Any]]).compactMap { $0["rule"] as? String }
        #expect(rules == ["ingress[0]"])
    }

    @Test func matrixCSV() throws {
        let run = try CLIRunner.run(["netpol", "matrix", "--port", "7070/TCP", "--format", "csv", Self.boutique])
        #expect(run.status == 0)
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = try #require(rows.first).map(String.init)
        #expect(header.first == "from\\to")
        #expect(header.last == "internet")
        #expect(header.count == 14)  // 12 deployments + internet + the corner
        let cart = try #require(header.firstIndex(of: "default/cartservice"))
        let allowed = rows.dropFirst().filter { $0[cart] == "yes" }.map { String($0[0]) }
        #expect(allowed == ["default/checkoutservice", "default/frontend"])
        let internetRow = try #require(rows.last)
        #expect(internetRow[0] == "internet")
        #expect(internetRow[cart] == "no")
    }

    @Test func matrixJSONWithoutPort() throws {
        let run = try CLIRunner.run(["netpol", "matrix", "--format", "json", Self.boutique])
        #expect(run.status == 0)
        let json = try #require(run.json)
        #expect(json["port"] == nil || json["port"] is NSNull)
        let cells = try #require(json["cells"] as? [[String: Any]])
        #expect(cells.count == 13 * 13 - 1)
        let toRedis = cells.filter { $0["to"] as? String == "default/redis-cart" && $0["allowed"] as? Bool == true }
        #expect(toRedis.compactMap { $0["from"] as? String } == ["default/cartservice"])
        #expect(toRedis.first?["port"] as? Int == 6379)
        let fromInternet = cells.filter { $0["from"] as? String == "internet" && $0["allowed"] as? Bool == true }
        #expect(fromInternet.compactMap { $0["to"] as? String } == ["default/frontend"])
    }

    @Test func findingsJSON() throws {
        let run = try CLIRunner.run(["netpol", "findings", "--format", "json", Self.boutique])
        #expect(run.status == 0)
        let json = try #require(run.json)
        #expect(json["command"] as? String == "netpol findings")
        let findings = try #require(json["findings"] as? [[String: Any]])
        let exposed = findings.filter { $0["ruleId"] as? String == "NETPOL-REACHABLE-FROM-ANYWHERE" }
        #expect(exposed.count == 1)
        #expect(
            (exposed.first?["message"] as? String)?.hasPrefix("Deployment default/frontend accepts connections") == true
        )
        #expect(findings.filter { $0["ruleId"] as? String == "NETPOL-EGRESS-INTERNET" }.count == 12)
        let lint = try CLIRunner.run([
            "netpol", "lint", "--rule", "NETPOL-REACHABLE-FROM-ANYWHERE", "--exit-code", "3", Self.boutique,
        ])
        #expect(lint.status == 3)
    }

    @Test func missingFileExitsTwo() throws {
        let run = try CLIRunner.run(["netpol", "matrix", "/nonexistent/netpol.yaml"])
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderrLines.first?.hasPrefix("palisade: error: /nonexistent/netpol.yaml") == true)
    }

    @Test func badEndpointSyntaxIsOneLine() throws {
        let run = try CLIRunner.run([
            "netpol", "can-reach", "frontend", "default/cartservice", "--port", "80", Self.boutique,
        ])
        #expect(run.status == 2)
        #expect(
            run.stderrLines == [
                "palisade: error: invalid FROM 'frontend': use NAMESPACE/NAME, KIND/NAMESPACE/NAME or an IP address"
            ])
        #expect(run.stdout.isEmpty)
    }

    @Test func unknownWorkloadSuggests() throws {
        let run = try CLIRunner.run([
            "netpol", "can-reach", "default/frontend", "default/cartservic", "--port", "80", Self.boutique,
        ])
        #expect(run.status == 2)
        #expect(
            run.stderrLines == [
                "palisade: error: no pod or workload 'default/cartservic' in the inputs; did you mean 'default/cartservice'?"
            ])
    }

    @Test func badPortIsOneLine() throws {
        let run = try CLIRunner.run([
            "netpol", "can-reach", "default/frontend", "default/cartservice", "--port", "80/ICMP", Self.boutique,
        ])
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderrLines.first?.contains("invalid --port '80/ICMP'") == true)
    }
}
