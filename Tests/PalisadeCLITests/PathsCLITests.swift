import Foundation
import Testing

/// `palisade paths` end to end on ingress-nginx's real install manifest: its LoadBalancer Service
/// forwards to the controller, whose service account's ClusterRole lists Secrets cluster-wide.
@Suite struct PathsCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let ingressNginx = fixtures.appendingPathComponent("paths/ingress-nginx/deploy.yaml").path
    static let boutique = fixtures.appendingPathComponent("netpol/microservices-demo").path

    @Test func tableSpellsOutTheChain() throws {
        let run = try CLIRunner.run(["paths", Self.ingressNginx, "--no-color"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("PATH-KUBE-SYSTEM-SECRETS"))
        #expect(run.stdout.contains("EXPOSED_BY_LOADBALANCER"))
        #expect(run.stdout.contains("READ_SECRETS"))
    }

    @Test func exitCodeAppliesToFoundPaths() throws {
        let run = try CLIRunner.run(["paths", Self.ingressNginx, "--exit-code", "3"])
        #expect(run.status == 3)
    }

    @Test func reportJSONHasTheFindings() throws {
        let run = try CLIRunner.run(["paths", Self.ingressNginx, "--format", "report-json"])
        #expect(run.status == 0)
        let json = try #require(run.json)
        let findings = try #require(json["findings"] as? [[String: Any]])
        let rules = Set(findings.compactMap { $0["ruleId"] as? String })
        #expect(rules.contains("PATH-KUBE-SYSTEM-SECRETS"))
    }

    @Test func jsonIsTheGraphWithPathsFromTheInternet() throws {
        let run = try CLIRunner.run(["paths", Self.ingressNginx, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(run.json)
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        let edges = try #require(json["edges"] as? [[String: Any]])
        let paths = try #require(json["paths"] as? [[String: Any]])
        #expect(nodes.contains { $0["id"] as? String == "sa:ingress-nginx/ingress-nginx" })
        #expect(edges.contains { $0["kind"] as? String == "READ_SECRETS" })
        #expect(!paths.isEmpty)
        for path in paths {
            let ids = try #require(path["nodes"] as? [String])
            #expect(ids.first == "internet")
        }
    }

    @Test func graphScopePathsKeepsOnlyPathNodes() throws {
        let fullRun = try CLIRunner.run(["paths", Self.ingressNginx, "--format", "json", "--graph-scope", "full"])
        let focusedRun = try CLIRunner.run(["paths", Self.ingressNginx, "--format", "json", "--graph-scope", "paths"])
        let full = try #require(fullRun.json)
        let focused = try #require(focusedRun.json)
        let fullNodes = try #require(full["nodes"] as? [[String: Any]])
        let focusedNodes = try #require(focused["nodes"] as? [[String: Any]])
        #expect(focusedNodes.count < fullNodes.count)
        let paths = try #require(focused["paths"] as? [[String: Any]])
        let onPaths = Set(paths.flatMap { ($0["nodes"] as? [String]) ?? [] })
        #expect(Set(focusedNodes.compactMap { $0["id"] as? String }) == onPaths)
    }

    @Test func htmlIsWrittenAtomicallyToOutput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paths-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("graph.html").path
        let run = try CLIRunner.run(["paths", Self.ingressNginx, Self.boutique, "--format", "html", "-o", file])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<script type=\"application/json\""))
        #expect(!html.contains("<script src="))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(leftovers == ["graph.html"])
    }

    @Test func svgMermaidAndDot() throws {
        let svg = try CLIRunner.run(["paths", Self.ingressNginx, "--format", "svg", "--svg-layout", "builtin"])
        #expect(svg.status == 0)
        #expect(svg.stdout.contains("<svg"))
        #expect(svg.stdout.contains("</svg>"))
        let mermaid = try CLIRunner.run(["paths", Self.ingressNginx, "--format", "mermaid"])
        #expect(mermaid.status == 0)
        #expect(mermaid.stdout.contains("flowchart"))
        let dot = try CLIRunner.run(["paths", Self.ingressNginx, "--format", "dot"])
        #expect(dot.status == 0)
        #expect(dot.stdout.hasPrefix("digraph"))
    }

    @Test func fromAnUnknownNodeIsOneErrorLine() throws {
        let run = try CLIRunner.run(["paths", Self.ingressNginx, "--from", "workload:nope/Deployment/x"])
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderrLines.first?.hasPrefix("palisade: error:") == true)
    }

    @Test func fromAWorkloadAssumedCompromised() throws {
        let run = try CLIRunner.run([
            "paths", Self.ingressNginx, "--from", "workload:ingress-nginx/Deployment/ingress-nginx-controller",
            "--format", "report-json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(run.json)
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["ruleId"] as? String == "PATH-KUBE-SYSTEM-SECRETS" })
    }

    @Test func badInputExitsTwo() throws {
        let missing = try CLIRunner.run(["paths", "/nonexistent/manifests.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderrLines.first?.hasPrefix("palisade: error:") == true)
        let broken = try CLIRunner.run(["paths", "-"], stdin: "kind: Pod\nmetadata: {name: [\n")
        #expect(broken.status == 2)
        let unwritable = try CLIRunner.run([
            "paths", Self.ingressNginx, "--format", "html", "-o", "/nonexistent/dir/graph.html",
        ])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderrLines.count == 1)
    }
}
