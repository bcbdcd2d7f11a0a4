import Foundation
import Testing

@Suite("palisade rules")
struct RulesCommandTests {
    @Test("rules list prints every rule; --format json is an array of rule metadata")
    func list() throws {
        let table = try CLIRunner.run(["rules", "list"])
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("ID"))
        #expect(table.stdout.contains("K8S-PSS-PRIVILEGED"))

        let json = try CLIRunner.run(["rules", "list", "--format", "json"])
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(!rules.isEmpty)
        for key in ["id", "title", "severity", "category", "why", "remediation", "frameworks", "references"] {
            #expect(rules[0][key] != nil, "missing \(key)")
        }
    }

    @Test("rules explain shows the full metadata, case-insensitively")
    func explain() throws {
        let run = try CLIRunner.run(["rules", "explain", "k8s-pss-privileged"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("K8S-PSS-PRIVILEGED"))
        for section in ["Why it matters:", "Remediation:", "Frameworks:", "Pod Security Standards: baseline"] {
            #expect(run.stdout.contains(section), "missing \(section)")
        }
    }

    @Test("rules explain with an unknown id exits 2 and suggests the closest id")
    func explainUnknown() throws {
        let run = try CLIRunner.run(["rules", "explain", "K8S-PSS-PRIVILEDGED"])
        #expect(run.status == 2)
        #expect(
            run.stderrLines.first
                == "palisade: error: unknown rule 'K8S-PSS-PRIVILEDGED'; did you mean 'K8S-PSS-PRIVILEGED'?")
        #expect(run.stdout.isEmpty)
    }

    @Test("--version and --help exit 0")
    func helpAndVersion() throws {
        let version = try CLIRunner.run(["--version"])
        #expect(version.status == 0)
        #expect(!version.stdout.isEmpty)
        let help = try CLIRunner.run(["k8s", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--exit-code"))
    }
}
