import PalisadeCore
import PalisadeFormats
import Testing

@testable import PalisadeKube

/// Focused cases for each Pod Security rule: positive and negative, version gating, exemptions,
/// and exact finding positions for every workload kind.
@Suite("Pod Security rules")
struct PodSecurityRuleTests {
    static func scan(_ yaml: String, rule: String = "K8S-PSS-*", version: String = "latest") -> KubeScanResult {
        let scanner = KubeScanner(
            options: KubeScanOptions(
                context: RuleContext(podSecurityVersion: PodSecurityVersion(version)!),
                selection: RuleSelection(include: [rule]), parallelism: 1))
        return scanner.scan(buffer: SourceBuffer(name: "t.yaml", copying: Array(yaml.utf8)))
    }

    /// A Pod whose spec lines (indented by two spaces) follow `spec:`; annotations optional.
    static func pod(_ spec: String, annotations: String = "") -> String {
        var out = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"
        if !annotations.isEmpty { out += "  annotations:\n" + annotations }
        return out + "spec:\n" + spec
    }

    static let web = "  containers:\n  - name: web\n    image: nginx\n"

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var rule: String
        var yaml: String
        var version = "latest"
        var count: Int
        var testDescription: String { "\(rule): \(name)" }
    }

    static let cases: [Case] = [
        // Privileged
        Case(
            name: "privileged true", rule: "K8S-PSS-PRIVILEGED",
            yaml: pod(web + "    securityContext:\n      privileged: true\n"), count: 1),
        Case(
            name: "privileged false", rule: "K8S-PSS-PRIVILEGED",
            yaml: pod(web + "    securityContext:\n      privileged: false\n"), count: 0),
        Case(
            name: "quoted \"true\" is not a boolean", rule: "K8S-PSS-PRIVILEGED",
            yaml: pod(web + "    securityContext:\n      privileged: \"true\"\n"), count: 0),
        Case(
            name: "init container privileged", rule: "K8S-PSS-PRIVILEGED",
            yaml: pod(web + "  initContainers:\n  - name: init\n    securityContext:\n      privileged: true\n"),
            count: 1),
        // Host namespaces
        Case(
            name: "hostPID and hostNetwork", rule: "K8S-PSS-HOST-NAMESPACES",
            yaml: pod("  hostPID: true\n  hostNetwork: true\n  hostIPC: false\n" + web), count: 2),
        Case(name: "none", rule: "K8S-PSS-HOST-NAMESPACES", yaml: pod(web), count: 0),
        // HostProcess
        Case(
            name: "pod hostProcess", rule: "K8S-PSS-HOST-PROCESS",
            yaml: pod("  securityContext:\n    windowsOptions:\n      hostProcess: true\n" + web), count: 1),
        Case(
            name: "hostProcess false", rule: "K8S-PSS-HOST-PROCESS",
            yaml: pod(web + "    securityContext:\n      windowsOptions:\n        hostProcess: false\n"), count: 0),
        // Capabilities (baseline)
        Case(
            name: "SYS_ADMIN and NET_RAW", rule: "K8S-PSS-CAPABILITIES-BASELINE",
            yaml: pod(web + "    securityContext:\n      capabilities:\n        add: [SYS_ADMIN, CHOWN, NET_RAW]\n"),
            count: 2),
        Case(
            name: "default set only", rule: "K8S-PSS-CAPABILITIES-BASELINE",
            yaml: pod(web + "    securityContext:\n      capabilities:\n        add: [CHOWN, NET_BIND_SERVICE]\n"),
            count: 0),
        // hostPath
        Case(
            name: "hostPath volume", rule: "K8S-PSS-HOSTPATH-VOLUMES",
            yaml: pod(web + "  volumes:\n  - name: root\n    hostPath:\n      path: /\n"), count: 1),
        Case(
            name: "emptyDir volume", rule: "K8S-PSS-HOSTPATH-VOLUMES",
            yaml: pod(web + "  volumes:\n  - name: tmp\n    emptyDir: {}\n"), count: 0),
        // Host ports
        Case(
            name: "hostPort", rule: "K8S-PSS-HOST-PORTS",
            yaml: pod(web + "    ports:\n    - containerPort: 80\n      hostPort: 8080\n"), count: 1),
        Case(
            name: "hostPort 0", rule: "K8S-PSS-HOST-PORTS",
            yaml: pod(web + "    ports:\n    - containerPort: 80\n      hostPort: 0\n"), count: 0),
        Case(
            name: "ephemeral container hostPort", rule: "K8S-PSS-HOST-PORTS",
            yaml: pod(web + "  ephemeralContainers:\n  - name: debug\n    ports:\n    - hostPort: 22\n"), count: 1),
        // Host probes (v1.34+)
        Case(
            name: "probe host at v1.34", rule: "K8S-PSS-HOST-PROBES",
            yaml: pod(web + "    livenessProbe:\n      httpGet:\n        host: 169.254.169.254\n        port: 80\n"),
            version: "v1.34", count: 1),
        Case(
            name: "probe host before v1.34", rule: "K8S-PSS-HOST-PROBES",
            yaml: pod(web + "    livenessProbe:\n      httpGet:\n        host: 169.254.169.254\n        port: 80\n"),
            version: "v1.33", count: 0),
        Case(
            name: "lifecycle tcpSocket host", rule: "K8S-PSS-HOST-PROBES",
            yaml: pod(
                web + "    lifecycle:\n      preStop:\n        tcpSocket:\n          host: db\n          port: 5432\n"),
            count: 1),
        // AppArmor
        Case(
            name: "unconfined annotation", rule: "K8S-PSS-APPARMOR",
            yaml: pod(web, annotations: "    container.apparmor.security.beta.kubernetes.io/web: unconfined\n"),
            count: 1),
        Case(
            name: "localhost annotation", rule: "K8S-PSS-APPARMOR",
            yaml: pod(web, annotations: "    container.apparmor.security.beta.kubernetes.io/web: localhost/foo\n"),
            count: 0),
        Case(
            name: "Unconfined field", rule: "K8S-PSS-APPARMOR",
            yaml: pod(web + "    securityContext:\n      appArmorProfile:\n        type: Unconfined\n"), count: 1),
        Case(
            name: "RuntimeDefault field", rule: "K8S-PSS-APPARMOR",
            yaml: pod("  securityContext:\n    appArmorProfile:\n      type: RuntimeDefault\n" + web), count: 0),
        // SELinux
        Case(
            name: "spc_t type", rule: "K8S-PSS-SELINUX",
            yaml: pod(web + "    securityContext:\n      seLinuxOptions:\n        type: spc_t\n"), count: 1),
        Case(
            name: "container_engine_t before v1.31", rule: "K8S-PSS-SELINUX",
            yaml: pod("  securityContext:\n    seLinuxOptions:\n      type: container_engine_t\n" + web),
            version: "v1.30", count: 1),
        Case(
            name: "container_engine_t at v1.31", rule: "K8S-PSS-SELINUX",
            yaml: pod("  securityContext:\n    seLinuxOptions:\n      type: container_engine_t\n" + web),
            version: "v1.31", count: 0),
        Case(
            name: "user and role", rule: "K8S-PSS-SELINUX",
            yaml: pod(web + "    securityContext:\n      seLinuxOptions:\n        user: system_u\n        role: r\n"),
            count: 2),
        Case(
            name: "level only", rule: "K8S-PSS-SELINUX",
            yaml: pod(web + "    securityContext:\n      seLinuxOptions:\n        level: s0:c1\n"), count: 0),
        // /proc mount
        Case(
            name: "Unmasked", rule: "K8S-PSS-PROC-MOUNT",
            yaml: pod(web + "    securityContext:\n      procMount: Unmasked\n"), count: 1),
        Case(
            name: "Unmasked in a user namespace at v1.35", rule: "K8S-PSS-PROC-MOUNT",
            yaml: pod("  hostUsers: false\n" + web + "    securityContext:\n      procMount: Unmasked\n"),
            version: "v1.35", count: 0),
        Case(
            name: "Unmasked in a user namespace at v1.34", rule: "K8S-PSS-PROC-MOUNT",
            yaml: pod("  hostUsers: false\n" + web + "    securityContext:\n      procMount: Unmasked\n"),
            version: "v1.34", count: 1),
        Case(
            name: "restricted: user namespace at v1.35", rule: "K8S-PSS-PROC-MOUNT-RESTRICTED",
            yaml: pod("  hostUsers: false\n" + web + "    securityContext:\n      procMount: Unmasked\n"),
            version: "v1.35", count: 1),
        Case(
            name: "restricted: before v1.35", rule: "K8S-PSS-PROC-MOUNT-RESTRICTED",
            yaml: pod("  hostUsers: false\n" + web + "    securityContext:\n      procMount: Unmasked\n"),
            version: "v1.34", count: 0),
        Case(
            name: "restricted: host users (Baseline's finding)", rule: "K8S-PSS-PROC-MOUNT-RESTRICTED",
            yaml: pod(web + "    securityContext:\n      procMount: Unmasked\n"), count: 0),
        // Seccomp (baseline)
        Case(
            name: "Unconfined field", rule: "K8S-PSS-SECCOMP-BASELINE",
            yaml: pod("  securityContext:\n    seccompProfile:\n      type: Unconfined\n" + web), count: 1),
        Case(
            name: "field ignored before v1.19", rule: "K8S-PSS-SECCOMP-BASELINE",
            yaml: pod("  securityContext:\n    seccompProfile:\n      type: Unconfined\n" + web),
            version: "v1.18", count: 0),
        Case(
            name: "unconfined annotation before v1.19", rule: "K8S-PSS-SECCOMP-BASELINE",
            yaml: pod(web, annotations: "    container.seccomp.security.alpha.kubernetes.io/web: unconfined\n"),
            version: "v1.18", count: 1),
        Case(
            name: "annotation for an unknown container", rule: "K8S-PSS-SECCOMP-BASELINE",
            yaml: pod(web, annotations: "    container.seccomp.security.alpha.kubernetes.io/other: unconfined\n"),
            version: "v1.18", count: 0),
        Case(
            name: "annotation ignored from v1.19", rule: "K8S-PSS-SECCOMP-BASELINE",
            yaml: pod(web, annotations: "    seccomp.security.alpha.kubernetes.io/pod: unconfined\n"),
            version: "v1.19", count: 0),
        // Sysctls
        Case(
            name: "unsafe sysctl", rule: "K8S-PSS-SYSCTLS",
            yaml: pod("  securityContext:\n    sysctls:\n    - name: kernel.msgmax\n      value: \"1\"\n" + web),
            count: 1),
        Case(
            name: "tcp_rmem before v1.32", rule: "K8S-PSS-SYSCTLS",
            yaml: pod("  securityContext:\n    sysctls:\n    - name: net.ipv4.tcp_rmem\n      value: x\n" + web),
            version: "v1.31", count: 1),
        Case(
            name: "tcp_rmem at v1.32", rule: "K8S-PSS-SYSCTLS",
            yaml: pod("  securityContext:\n    sysctls:\n    - name: net.ipv4.tcp_rmem\n      value: x\n" + web),
            version: "v1.32", count: 0),
        Case(
            name: "tcp_notsent_lowat at v1.36", rule: "K8S-PSS-SYSCTLS",
            yaml: pod(
                "  securityContext:\n    sysctls:\n    - name: net.ipv4.tcp_notsent_lowat\n      value: x\n" + web),
            version: "v1.36", count: 1),
        Case(
            name: "tcp_notsent_lowat at latest", rule: "K8S-PSS-SYSCTLS",
            yaml: pod(
                "  securityContext:\n    sysctls:\n    - name: net.ipv4.tcp_notsent_lowat\n      value: x\n" + web),
            count: 0),
        // Volume types
        Case(
            name: "nfs volume", rule: "K8S-PSS-VOLUME-TYPES",
            yaml: pod(web + "  volumes:\n  - name: data\n    nfs:\n      server: nas\n      path: /x\n"), count: 1),
        Case(
            name: "hostPath is Baseline's finding", rule: "K8S-PSS-VOLUME-TYPES",
            yaml: pod(web + "  volumes:\n  - name: root\n    hostPath:\n      path: /\n"), count: 0),
        Case(
            name: "allowed and defaulted volumes", rule: "K8S-PSS-VOLUME-TYPES",
            yaml: pod(
                web
                    + "  volumes:\n  - name: a\n  - name: b\n    image:\n      reference: x\n  - name: c\n    csi:\n      driver: d\n"
            ),
            count: 0),
        // Privilege escalation
        Case(
            name: "unset on two containers", rule: "K8S-PSS-PRIVILEGE-ESCALATION",
            yaml: pod(web + "  initContainers:\n  - name: init\n"), count: 2),
        Case(
            name: "explicit true", rule: "K8S-PSS-PRIVILEGE-ESCALATION",
            yaml: pod(web + "    securityContext:\n      allowPrivilegeEscalation: true\n"), count: 1),
        Case(
            name: "false", rule: "K8S-PSS-PRIVILEGE-ESCALATION",
            yaml: pod(web + "    securityContext:\n      allowPrivilegeEscalation: false\n"), count: 0),
        Case(name: "before v1.8", rule: "K8S-PSS-PRIVILEGE-ESCALATION", yaml: pod(web), version: "v1.7", count: 0),
        Case(
            name: "Windows pod at v1.25", rule: "K8S-PSS-PRIVILEGE-ESCALATION",
            yaml: pod("  os:\n    name: windows\n" + web), version: "v1.25", count: 0),
        Case(
            name: "Windows pod at v1.24", rule: "K8S-PSS-PRIVILEGE-ESCALATION",
            yaml: pod("  os:\n    name: windows\n" + web), version: "v1.24", count: 1),
        // runAsNonRoot
        Case(name: "unset", rule: "K8S-PSS-RUN-AS-NON-ROOT", yaml: pod(web), count: 1),
        Case(
            name: "pod true", rule: "K8S-PSS-RUN-AS-NON-ROOT",
            yaml: pod("  securityContext:\n    runAsNonRoot: true\n" + web), count: 0),
        Case(
            name: "container false overrides pod true", rule: "K8S-PSS-RUN-AS-NON-ROOT",
            yaml: pod(
                "  securityContext:\n    runAsNonRoot: true\n" + web
                    + "    securityContext:\n      runAsNonRoot: false\n"),
            count: 1),
        Case(
            name: "user namespace at v1.35", rule: "K8S-PSS-RUN-AS-NON-ROOT",
            yaml: pod("  hostUsers: false\n" + web), version: "v1.35", count: 0),
        Case(
            name: "user namespace at v1.34", rule: "K8S-PSS-RUN-AS-NON-ROOT",
            yaml: pod("  hostUsers: false\n" + web), version: "v1.34", count: 1),
        // runAsUser
        Case(
            name: "container uid 0", rule: "K8S-PSS-RUN-AS-USER",
            yaml: pod(web + "    securityContext:\n      runAsUser: 0\n"), count: 1),
        Case(
            name: "pod uid 0 before v1.23", rule: "K8S-PSS-RUN-AS-USER",
            yaml: pod("  securityContext:\n    runAsUser: 0\n" + web), version: "v1.22", count: 0),
        Case(
            name: "uid 1000", rule: "K8S-PSS-RUN-AS-USER",
            yaml: pod("  securityContext:\n    runAsUser: 1000\n" + web), count: 0),
        // Seccomp (restricted)
        Case(name: "unset", rule: "K8S-PSS-SECCOMP-RESTRICTED", yaml: pod(web), count: 1),
        Case(
            name: "pod RuntimeDefault", rule: "K8S-PSS-SECCOMP-RESTRICTED",
            yaml: pod("  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n" + web), count: 0),
        Case(
            name: "pod Unconfined is Baseline's finding", rule: "K8S-PSS-SECCOMP-RESTRICTED",
            yaml: pod("  securityContext:\n    seccompProfile:\n      type: Unconfined\n" + web), count: 0),
        Case(name: "before v1.19", rule: "K8S-PSS-SECCOMP-RESTRICTED", yaml: pod(web), version: "v1.18", count: 0),
        // Capabilities (restricted)
        Case(name: "no drop", rule: "K8S-PSS-CAPABILITIES-RESTRICTED", yaml: pod(web), count: 1),
        Case(
            name: "drop ALL", rule: "K8S-PSS-CAPABILITIES-RESTRICTED",
            yaml: pod(
                web
                    + "    securityContext:\n      capabilities:\n        drop: [ALL]\n        add: [NET_BIND_SERVICE]\n"
            ),
            count: 0),
        Case(
            name: "adds a default capability", rule: "K8S-PSS-CAPABILITIES-RESTRICTED",
            yaml: pod(web + "    securityContext:\n      capabilities:\n        drop: [ALL]\n        add: [CHOWN]\n"),
            count: 1),
        Case(
            name: "SYS_ADMIN is Baseline's finding", rule: "K8S-PSS-CAPABILITIES-RESTRICTED",
            yaml: pod(
                web + "    securityContext:\n      capabilities:\n        drop: [ALL]\n        add: [SYS_ADMIN]\n"),
            count: 0),
        Case(
            name: "before v1.22", rule: "K8S-PSS-CAPABILITIES-RESTRICTED", yaml: pod(web), version: "v1.21",
            count: 0),
    ]

    @Test(arguments: cases)
    func rule(_ c: Case) {
        let result = Self.scan(c.yaml, rule: c.rule, version: c.version)
        let hits = result.findings.filter { $0.ruleId == c.rule }
        #expect(hits.count == c.count, "\(hits.map(\.message))")
        #expect(result.findings.allSatisfy { $0.ruleId == c.rule })
    }

    @Test("privileged: true is located at its key, for every workload kind")
    func locations() throws {
        let podYAML = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              containers:
              - name: web
                image: nginx
                securityContext:
                  privileged: true
            """
        let deployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - name: web
                    image: nginx
                    securityContext:
                      privileged: true
            """
        let cronJob = """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: c
            spec:
              schedule: "* * * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                      - name: web
                        image: nginx
                        securityContext:
                          privileged: true
            """
        let expected: [(String, Int, Int, String)] = [
            (podYAML, 10, 7, "spec.containers[0].securityContext.privileged"),
            (deployment, 12, 11, "spec.template.spec.containers[0].securityContext.privileged"),
            (cronJob, 15, 15, "spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged"),
        ]
        for (yaml, line, column, path) in expected {
            let findings = Self.scan(yaml, rule: "K8S-PSS-PRIVILEGED").findings
            let f = try #require(findings.first)
            #expect(findings.count == 1)
            #expect(f.ruleId == "K8S-PSS-PRIVILEGED")
            #expect(f.location.line == line)
            #expect(f.location.column == column)
            #expect(f.location.path == path)
            #expect(f.message == "container \"web\" sets securityContext.privileged: true")
        }
    }

    @Test("missing fields are reported under the container with the missing path")
    func missingField() throws {
        let yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              template:
                spec:
                  containers:
                  - name: web
                    image: nginx
            """
        let f = try #require(Self.scan(yaml, rule: "K8S-PSS-PRIVILEGE-ESCALATION").findings.first)
        #expect(f.location.line == 9)
        #expect(f.location.column == 9)
        #expect(f.location.path == "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation")
    }

    @Test("annotation and hostPath findings point at the offending value")
    func valueLocations() throws {
        let yaml = Self.pod(
            Self.web + "  volumes:\n  - name: sock\n    hostPath:\n      path: /var/run/docker.sock\n",
            annotations: "    container.apparmor.security.beta.kubernetes.io/web: unconfined\n")
        let findings = Self.scan(yaml).findings
        let apparmor = try #require(findings.first { $0.ruleId == "K8S-PSS-APPARMOR" })
        #expect(apparmor.location.line == 6)
        #expect(apparmor.location.path == "metadata.annotations[container.apparmor.security.beta.kubernetes.io/web]")
        let hostPath = try #require(findings.first { $0.ruleId == "K8S-PSS-HOSTPATH-VOLUMES" })
        #expect(hostPath.location.line == 13)
        #expect(hostPath.location.column == 5)
        #expect(hostPath.location.path == "spec.volumes[0].hostPath")
        #expect(hostPath.message == "volume \"sock\" is a hostPath volume (path /var/run/docker.sock)")
    }

    @Test(
        "a workload's level follows from the rules that fire",
        arguments: [
            (pod(web + "    securityContext:\n      privileged: true\n"), PodSecurityLevel.privileged),
            (pod(web), .baseline),
            (
                pod(
                    "  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n"
                        + web
                        + "    securityContext:\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop: [ALL]\n"
                ), .restricted
            ),
        ])
    func posture(_ yaml: String, _ level: PodSecurityLevel) {
        #expect(Self.scan(yaml).workloads.map(\.podSecurityLevel) == [level])
    }

    @Test("rule catalog: one rule per upstream check, PSS metadata on each")
    func catalog() {
        let ids = PodSecurityRules.all.map(\.metadata.id)
        #expect(ids.count == 19)
        #expect(Set(ids).count == ids.count)
        for rule in PodSecurityRules.all {
            #expect(rule.metadata.category == "Pod Security Standards")
            #expect(rule.metadata.frameworks.pss != nil)
            #expect(rule.metadata.id.hasPrefix("K8S-PSS-"))
        }
    }

    @Test("wrong-typed fields are treated as unset, never crash")
    func wrongTypes() {
        let yaml = Self.pod(
            "  hostPID: \"yes\"\n  securityContext: [1]\n  volumes: x\n  containers:\n  - name: web\n    ports: 7\n"
                + "    securityContext:\n      privileged: [true]\n      capabilities: add\n      runAsUser: \"0\"\n"
                + "      seccompProfile: RuntimeDefault\n  - just-a-string\n")
        let ids = Set(Self.scan(yaml).findings.map(\.ruleId))
        #expect(!ids.contains("K8S-PSS-PRIVILEGED"))
        #expect(!ids.contains("K8S-PSS-HOST-NAMESPACES"))
        #expect(!ids.contains("K8S-PSS-RUN-AS-USER"))
        #expect(ids.contains("K8S-PSS-SECCOMP-RESTRICTED"))
    }
}
