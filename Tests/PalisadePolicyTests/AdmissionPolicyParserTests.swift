import PalisadeCore
import Testing

@testable import PalisadePolicy

@Suite("Admission policy file")
struct AdmissionPolicyParserTests {
    @Test("the default policy parses to what it documents")
    func defaultPolicy() throws {
        let p = try AdmissionPolicy.parse(DefaultAdmissionPolicy.yaml, file: "default")
        #expect(p.failurePolicy == .ignore)
        #expect(p.timeoutSeconds == 5)
        #expect(p.podSecurity.enforce.level == .baseline)
        #expect(p.podSecurity.warn.level == .restricted)
        #expect(p.exemptions.namespaces == ["kube-system"])
        #expect(p.rules.count == 3)
        #expect(p.rules[2].action == .audit)
        #expect(p.allowMetadataOnlyUpdates)
    }

    func error(_ text: String) -> InputError? {
        do throws(InputError) {
            _ = try AdmissionPolicy.parse("apiVersion: palisade.dev/v1\nkind: AdmissionPolicy\n" + text, file: "p.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test("mistakes are one error with the file, line and column")
    func errors() throws {
        let cases: [(String, Int, String)] = [
            ("failurPolicy: Fail\n", 3, "unknown field 'failurPolicy' in the policy"),
            ("failurePolicy: Deny\n", 3, "failurePolicy must be Ignore or Fail"),
            ("timeoutSeconds: 45\n", 3, "between 0 and 30"),
            ("podSecurity:\n  enforce: strict\n", 4, "podSecurity.enforce must be privileged, baseline or restricted"),
            ("podSecurity:\n  enforceVersion: v2.0\n", 4, "enforceVersion must be"),
            ("rules:\n  - ids: [K8S-NOPE]\n    action: warn\n", 4, "no Kubernetes rule matches 'K8S-NOPE'"),
            ("rules:\n  - ids: [K8S-WL-*]\n    action: block\n", 5, "must be enforce, warn, audit or off, not 'block'"),
            ("rules:\n  - ids: [K8S-WL-*]\n", 4, "needs an action"),
            (
                "rules:\n  - ids: [K8S-WL-*]\n    action: warn\n    namespaceSelector:\n      matchExpressions:\n      - {key: a, operator: Like}\n",
                8, "operator must be In, NotIn, Exists or DoesNotExist"
            ),
            ("exemptions:\n  serviceAccounts: [deployer]\n", 4, "is not NAMESPACE/NAME"),
            ("apiVersion: v2\n", 1, "apiVersion must be palisade.dev/v1"),
        ]
        for (text, line, reason) in cases {
            let e = try #require(error(text), "accepted: \(text)")
            #expect(e.file == "p.yaml")
            #expect(e.reason.contains(reason), "\(e.reason)")
            if text.hasPrefix("apiVersion") { continue }
            #expect(e.line == line, "\(e)")
        }
    }

    @Test("action off is accepted bare (YAML 1.1 reads it as false) and quoted")
    func off() throws {
        for value in ["off", "\"off\""] {
            let p = try AdmissionPolicy.parse(
                "apiVersion: palisade.dev/v1\nkind: AdmissionPolicy\nrules:\n  - ids: [K8S-WL-*]\n    action: \(value)\n",
                file: "p")
            #expect(p.rules.first?.action == nil)
        }
    }

    @Test("not a policy at all")
    func notAPolicy() {
        #expect(throws: InputError.self) { try AdmissionPolicy.parse("- a\n- b\n", file: "p") }
        #expect(throws: InputError.self) { try AdmissionPolicy.parse("", file: "p") }
        #expect(throws: InputError.self) { try AdmissionPolicy.parse("a: 1\n---\nb: 2\n", file: "p") }
    }
}
