import Foundation
import PalisadeCore
import PalisadeFormats
import Testing

@testable import PalisadeKube

/// Test-only rules, so the engine is tested independently of the built-in catalog.
private struct PrivilegedProbe: WorkloadRule {
    let metadata = RuleMetadata(
        id: "TEST-PRIVILEGED", title: "privileged", severity: .high, category: "Test", why: "w", remediation: "r",
        frameworks: FrameworkMappings(pss: PodSecurityMapping(level: .baseline, control: "Privileged Containers")))
    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        pod.containers.compactMap { c in
            guard let node = c.securityContext?["privileged"], node.bool == true else { return nil }
            return Violation("\(c.label) is privileged", at: node)
        }
    }
}

private struct RestrictedProbe: WorkloadRule {
    let metadata = RuleMetadata(
        id: "TEST-LIMITS", title: "limits", severity: .low, category: "Test", why: "w", remediation: "r",
        frameworks: FrameworkMappings(pss: PodSecurityMapping(level: .restricted, control: "Test")))
    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        pod.containers.compactMap { c in
            c.node["resources"]?["limits"] == nil
                ? Violation("\(c.label) has no limits", missing: "resources.limits", under: c.node) : nil
        }
    }
}

private struct ServiceProbe: ObjectRule {
    let metadata = RuleMetadata(
        id: "TEST-SERVICE", title: "service", severity: .medium, category: "Test", why: "w", remediation: "r")
    func applies(to object: KubeObject) -> Bool { object.kind == "Service" }
    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let type = object.spec?["type"] else { return [] }
        return [Violation("type \(type.string ?? "")", at: type)]
    }
}

private struct NamespaceCounter: CrossObjectRule {
    let metadata = RuleMetadata(
        id: "TEST-CROSS", title: "cross", severity: .info, category: "Test", why: "w", remediation: "r")
    func evaluate(_ objects: [ObjectSummary], context: RuleContext) -> [CrossObjectViolation] {
        let workloads = objects.filter(\.isWorkload)
        guard let first = workloads.first else { return [] }
        return [
            CrossObjectViolation(
                message: "\(workloads.count) workloads", object: first.reference, file: first.file, mark: first.mark,
                path: "")
        ]
    }
}

private let testRules = KubeRuleSet(
    objectRules: [ServiceProbe()], workloadRules: [PrivilegedProbe(), RestrictedProbe()],
    crossObjectRules: [NamespaceCounter()])

private func scan(_ text: String, selection: RuleSelection = .all) -> KubeScanResult {
    let scanner = KubeScanner(rules: testRules, options: KubeScanOptions(selection: selection))
    return scanner.scan(buffer: SourceBuffer(name: "t.yaml", copying: Array(text.utf8)))
}

@Suite("Kubernetes scan engine")
struct KubeScannerEngineTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: prod
        spec:
          template:
            spec:
              containers:
              - name: app
                image: nginx
                securityContext:
                  privileged: true
                resources:
                  limits: {cpu: 1}
              initContainers:
              - name: init
                image: busybox
        """

    @Test("a violation points at the offending key with the full field path")
    func exactLocation() throws {
        let result = scan(Self.deployment)
        let f = try #require(result.findings.first { $0.ruleId == "TEST-PRIVILEGED" })
        #expect(
            f.location
                == Location(
                    file: "t.yaml", line: 13, column: 11,
                    path: "spec.template.spec.containers[0].securityContext.privileged"))
        #expect(f.object == ObjectReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "web"))
        #expect(f.message == "container \"app\" is privileged")
    }

    @Test("a missing field points at its nearest parent and names the missing path")
    func missingField() throws {
        let result = scan(Self.deployment)
        let f = try #require(result.findings.first { $0.ruleId == "TEST-LIMITS" })
        #expect(f.location.path == "spec.template.spec.initContainers[0].resources.limits")
        #expect(f.location.line == 17)
        #expect(f.location.column == 9)
    }

    @Test(
        "every workload kind is checked through its pod template",
        arguments: [
            ("Pod", "spec"), ("Deployment", "spec.template.spec"), ("ReplicaSet", "spec.template.spec"),
            ("StatefulSet", "spec.template.spec"), ("DaemonSet", "spec.template.spec"), ("Job", "spec.template.spec"),
            ("ReplicationController", "spec.template.spec"), ("CronJob", "spec.jobTemplate.spec.template.spec"),
            ("DeploymentConfig", "spec.template.spec"),
        ])
    func workloadKinds(kind: String, specPath: String) throws {
        var doc = "apiVersion: v1\nkind: \(kind)\nmetadata: {name: x}\n"
        var indent = ""
        for key in specPath.split(separator: ".").dropLast() {
            doc += indent + "\(key):\n"
            indent += "  "
        }
        doc +=
            indent + "spec:\n" + indent + "  containers:\n" + indent + "  - name: c\n" + indent
            + "    securityContext: {privileged: true}\n"
        let result = scan(doc)
        let f = try #require(result.findings.first { $0.ruleId == "TEST-PRIVILEGED" })
        #expect(f.location.path == specPath + ".containers[0].securityContext.privileged")
        #expect(result.workloads.first?.podSecurityLevel == .privileged)
    }

    @Test("highest Pod Security level per workload")
    func posture() {
        let result = scan(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: a}
            spec: {containers: [{name: c, resources: {limits: {cpu: 1}}}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: b}
            spec: {containers: [{name: c}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: c}
            spec: {containers: [{name: c, securityContext: {privileged: true}}]}
            """)
        #expect(result.workloads.map(\.podSecurityLevel) == [.restricted, .baseline, .privileged])
        #expect(result.workloads.map(\.line) == [1, 6, 11])
    }

    @Test("kind: List and typed lists are expanded; JSON works")
    func lists() {
        let result = scan(
            """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s1"}, "spec": {"type": "NodePort"}},
              {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s2"}, "spec": {"type": "LoadBalancer"}}
            ]}
            ---
            apiVersion: v1
            kind: ServiceList
            items:
            - apiVersion: v1
              kind: Service
              metadata: {name: s3}
              spec: {type: ClusterIP}
            """)
        #expect(result.objectCount == 3)
        let services = result.findings.filter { $0.ruleId == "TEST-SERVICE" }
        #expect(services.map { $0.object?.name } == ["s1", "s2", "s3"])
        #expect(services[0].location.path == "spec.type")
        #expect(services[0].location.line == 2)
        #expect(services[2].location.line == 12)
    }

    @Test("non-Kubernetes documents are skipped with a note, empty documents silently")
    func nonKubernetes() {
        let result = scan("---\nfoo: bar\n---\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n")
        #expect(result.objectCount == 1)
        #expect(result.errors.isEmpty)
        #expect(result.notes.count == 1)
        #expect(result.notes.first?.contains("line 2") == true)
    }

    @Test("a parse error in one document leaves the others scanned")
    func parseErrors() {
        let result = scan(
            "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {type: NodePort}\n---\nbad: [\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\nspec: {type: NodePort}\n"
        )
        #expect(result.findings.filter { $0.ruleId == "TEST-SERVICE" }.count == 2)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.description.hasPrefix("t.yaml:") == true)
    }

    @Test("palisade.dev/ignore annotation silences the listed rules for that object only")
    func annotationIgnore() {
        let result = scan(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: a
              annotations: {palisade.dev/ignore: "test-privileged, TEST-L*"}
            spec: {containers: [{name: c, securityContext: {privileged: true}}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: b}
            spec: {containers: [{name: c, securityContext: {privileged: true}}]}
            """)
        let forA = result.findings.filter { $0.object?.name == "a" && $0.ruleId != "TEST-CROSS" }
        #expect(forA.isEmpty)
        #expect(result.findings.filter { $0.object?.name == "b" }.count == 2)
        #expect(result.suppressedByAnnotation == 2)
        // The level is still computed from every Pod Security rule.
        #expect(result.workloads.first?.podSecurityLevel == .privileged)
    }

    @Test("rule selection drops findings but Pod Security levels stay exact")
    func selection() {
        let result = scan(Self.deployment, selection: RuleSelection(include: ["TEST-SERVICE"]))
        #expect(result.findings.isEmpty)
        #expect(result.workloads.first?.podSecurityLevel == .privileged)
    }

    @Test("cross-object rules see every object of the scan")
    func crossObject() {
        let result = scan(Self.deployment + "\n---\n" + Self.deployment)
        #expect(result.findings.first { $0.ruleId == "TEST-CROSS" }?.message == "2 workloads")
    }

    @Test("large inputs are split into batches at document boundaries")
    func batching() async throws {
        var text = ""
        for i in 0..<4_000 {
            text +=
                "apiVersion: v1\nkind: Service\nmetadata: {name: s\(i)}\nspec: {type: NodePort, note: \"\(String(repeating: "x", count: 100))\"}\n---\n"
        }
        let dir = "/tmp/palisade-engine-test-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/big.yaml"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let buffer = try SourceBuffer.read(path: path)
        #expect(KubeScanner.batches(of: buffer).count > 1)
        let scanner = KubeScanner(rules: testRules, options: KubeScanOptions(parallelism: 2))
        let result = await scanner.scan([.file(path)])
        #expect(result.objectCount == 4_000)
        let lines = result.findings.filter { $0.ruleId == "TEST-SERVICE" }.map(\.location.line)
        #expect(lines.count == 4_000)
        #expect(lines == (0..<4_000).map { $0 * 5 + 4 })
    }
}

@Suite("Kubernetes scan engine: severity pushdown")
struct KubeScannerSeverityTests {
    @Test("rules outside --severity never run, Pod Security levels stay exact")
    func severityPushdown() {
        let scanner = KubeScanner(rules: testRules, options: KubeScanOptions(severities: [.low]))
        let result = scanner.scan(
            buffer: SourceBuffer(name: "t.yaml", copying: Array(KubeScannerEngineTests.deployment.utf8)))
        #expect(result.findings.map(\.ruleId) == ["TEST-LIMITS"])
        #expect(result.workloads.first?.podSecurityLevel == .privileged)
    }
}

@Suite("Manifest discovery")
struct ManifestDiscoveryTests {
    @Test("directory walks take regular YAML/JSON files only: no devices, FIFOs or hidden folders")
    func regularFilesOnly() throws {
        let dir = "/tmp/palisade-discovery-test-\(getpid())"
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/.git", withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: dir) }
        #expect(fm.createFile(atPath: dir + "/a.yaml", contents: Data("kind: x\n".utf8)))
        #expect(fm.createFile(atPath: dir + "/b.txt", contents: Data()))
        #expect(fm.createFile(atPath: dir + "/.git/c.yaml", contents: Data()))
        try fm.createSymbolicLink(atPath: dir + "/zero.yaml", withDestinationPath: "/dev/zero")
        #expect(mkfifo(dir + "/fifo.yml", 0o600) == 0)
        let (inputs, errors) = ManifestDiscovery.expand([dir, dir + "/missing.yaml"])
        #expect(inputs == [.file(dir + "/a.yaml")])
        #expect(errors.map(\.reason) == ["no such file or directory"])
    }
}

@Suite("Workload kinds from other API groups")
struct ExtraWorkloadKindTests {
    @Test(
        "DeploymentConfig and Argo Rollout pod templates are checked; same-named kinds of other groups are not",
        arguments: [
            ("apps.openshift.io/v1", "DeploymentConfig", true), ("argoproj.io/v1alpha1", "Rollout", true),
            ("example.com/v1", "Rollout", false), ("example.com/v1", "DeploymentConfig", false),
        ])
    func groups(apiVersion: String, kind: String, checked: Bool) {
        let text = """
            apiVersion: \(apiVersion)
            kind: \(kind)
            metadata: {name: x}
            spec:
              template:
                spec:
                  containers:
                  - name: c
                    securityContext: {privileged: true}
            """
        let result = KubeScanner(rules: testRules).scan(buffer: SourceBuffer(name: "t.yaml", copying: Array(text.utf8)))
        #expect(result.findings.contains { $0.ruleId == "TEST-PRIVILEGED" } == checked)
        #expect(result.workloads.count == (checked ? 1 : 0))
    }
}
