import PalisadeCore
import Testing

private func pod(_ container: String = "", spec: String = "", kind: String = "Pod", metadata: String = "") -> String {
    HardeningHarness.pod(container, spec: spec, kind: kind, metadata: metadata)
}

private let serviceAccount = """
    apiVersion: v1
    kind: ServiceAccount
    metadata:
      name: default
      namespace: shop
    """

private let podCases: [RuleCase] = [
    fires("K8S-WL-WRITABLE-ROOT-FS", "unset", pod()),
    fires("K8S-WL-WRITABLE-ROOT-FS", "false", pod("securityContext:\n  readOnlyRootFilesystem: false")),
    fires(
        "K8S-WL-WRITABLE-ROOT-FS", "quoted true is not true",
        pod("securityContext:\n  readOnlyRootFilesystem: \"true\"")),
    silent("K8S-WL-WRITABLE-ROOT-FS", "true", pod("securityContext:\n  readOnlyRootFilesystem: true")),
    fires("K8S-WL-SA-TOKEN-AUTOMOUNT", "unset", pod()),
    fires("K8S-WL-SA-TOKEN-AUTOMOUNT", "true", pod(spec: "automountServiceAccountToken: true")),
    silent("K8S-WL-SA-TOKEN-AUTOMOUNT", "false", pod(spec: "automountServiceAccountToken: false")),
    fires("K8S-WL-DEFAULT-SERVICE-ACCOUNT", "unset", pod()),
    fires("K8S-WL-DEFAULT-SERVICE-ACCOUNT", "default", pod(spec: "serviceAccountName: default")),
    silent("K8S-WL-DEFAULT-SERVICE-ACCOUNT", "dedicated", pod(spec: "serviceAccountName: web")),
    silent("K8S-WL-DEFAULT-SERVICE-ACCOUNT", "deprecated field", pod(spec: "serviceAccount: web")),
    fires("K8S-WL-SERVICEACCOUNT-AUTOMOUNT", "default SA", serviceAccount),
    fires("K8S-WL-SERVICEACCOUNT-AUTOMOUNT", "explicit true", serviceAccount + "\nautomountServiceAccountToken: true"),
    silent("K8S-WL-SERVICEACCOUNT-AUTOMOUNT", "false", serviceAccount + "\nautomountServiceAccountToken: false"),
    silent("K8S-WL-SERVICEACCOUNT-AUTOMOUNT", "not a ServiceAccount", pod()),
    fires("K8S-WL-NO-LIVENESS-PROBE", "none", pod()),
    fires("K8S-WL-NO-LIVENESS-PROBE", "deployment", pod(kind: "Deployment")),
    silent("K8S-WL-NO-LIVENESS-PROBE", "set", pod("livenessProbe:\n  httpGet: {path: /healthz, port: 8080}")),
    silent("K8S-WL-NO-LIVENESS-PROBE", "job", pod(kind: "Job")),
    silent("K8S-WL-NO-LIVENESS-PROBE", "cronjob", pod(kind: "CronJob")),
    silent("K8S-WL-NO-LIVENESS-PROBE", "run-to-completion pod", pod(spec: "restartPolicy: Never")),
    silent(
        "K8S-WL-NO-LIVENESS-PROBE", "init containers exempt",
        pod("livenessProbe: {tcpSocket: {port: 80}}", spec: "initContainers:\n- name: i\n  image: busybox:1")),
    fires("K8S-WL-NO-READINESS-PROBE", "none", pod()),
    silent("K8S-WL-NO-READINESS-PROBE", "set", pod("readinessProbe:\n  tcpSocket: {port: 80}")),
    silent("K8S-WL-NO-READINESS-PROBE", "job", pod(kind: "Job")),
    fires("K8S-WL-DEFAULT-NAMESPACE", "explicit default", pod(metadata: "namespace: default")),
    fires(
        "K8S-WL-DEFAULT-NAMESPACE", "configmap",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: default"),
    silent("K8S-WL-DEFAULT-NAMESPACE", "absent namespace", pod()),
    silent("K8S-WL-DEFAULT-NAMESPACE", "other namespace", pod(metadata: "namespace: shop")),
    silent(
        "K8S-WL-DEFAULT-NAMESPACE", "cluster-scoped kind",
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\n  namespace: default"),
    fires("K8S-WL-HOST-PORT", "hostPort", pod("ports:\n- containerPort: 80\n  hostPort: 8080")),
    silent("K8S-WL-HOST-PORT", "containerPort only", pod("ports:\n- containerPort: 80")),
    silent("K8S-WL-HOST-PORT", "hostPort 0", pod("ports:\n- containerPort: 80\n  hostPort: 0")),
    fires("K8S-WL-SSH-PORT", "port 22", pod("ports:\n- containerPort: 22")),
    silent("K8S-WL-SSH-PORT", "port 2222", pod("ports:\n- containerPort: 2222")),
    fires("K8S-WL-SHARE-PROCESS-NAMESPACE", "true", pod(spec: "shareProcessNamespace: true")),
    silent("K8S-WL-SHARE-PROCESS-NAMESPACE", "false", pod(spec: "shareProcessNamespace: false")),
    fires("K8S-WL-NO-POD-SECCOMP", "none", pod()),
    fires(
        "K8S-WL-NO-POD-SECCOMP", "pod context without profile",
        pod(spec: "securityContext:\n  runAsNonRoot: true")),
    silent(
        "K8S-WL-NO-POD-SECCOMP", "pod-level RuntimeDefault",
        pod(spec: "securityContext:\n  seccompProfile: {type: RuntimeDefault}")),
    silent(
        "K8S-WL-NO-POD-SECCOMP", "every container sets one",
        pod("securityContext:\n  seccompProfile: {type: RuntimeDefault}")),
    fires("K8S-WL-HOST-ALIASES", "set", pod(spec: "hostAliases:\n- ip: 10.0.0.1\n  hostnames: [api.example.com]")),
    silent("K8S-WL-HOST-ALIASES", "empty", pod(spec: "hostAliases: []")),
    fires("K8S-WL-DNS-POLICY-DEFAULT", "Default", pod(spec: "dnsPolicy: Default")),
    silent("K8S-WL-DNS-POLICY-DEFAULT", "ClusterFirst", pod(spec: "dnsPolicy: ClusterFirst")),
    fires("K8S-WL-LOW-UID", "container uid", pod("securityContext:\n  runAsUser: 1000")),
    fires(
        "K8S-WL-LOW-UID", "pod uid, reported once", pod(spec: "securityContext:\n  runAsUser: 999", kind: "Deployment")),
    fires(
        "K8S-WL-LOW-UID", "pod uid shared by two containers is one finding",
        pod(spec: "securityContext:\n  runAsUser: 999\ninitContainers:\n- name: i\n  image: busybox:1")),
    fires(
        "K8S-WL-LOW-UID", "each low container uid is a finding",
        pod(
            "securityContext: {runAsUser: 5}",
            spec: "initContainers:\n- name: i\n  image: b:1\n  securityContext: {runAsUser: 6}"),
        count: 2),
    silent("K8S-WL-LOW-UID", "uid 0 is Pod Security's", pod("securityContext:\n  runAsUser: 0")),
    silent("K8S-WL-LOW-UID", "high uid", pod("securityContext:\n  runAsUser: 10001")),
    silent(
        "K8S-WL-LOW-UID", "container overrides low pod uid",
        pod("securityContext:\n  runAsUser: 20000", spec: "securityContext:\n  runAsUser: 10")),
    silent("K8S-WL-LOW-UID", "unset", pod()),
    fires("K8S-WL-LOW-GID", "gid 0", pod("securityContext:\n  runAsGroup: 0")),
    fires("K8S-WL-LOW-GID", "gid 1000", pod(spec: "securityContext:\n  runAsGroup: 1000")),
    silent("K8S-WL-LOW-GID", "gid 10001", pod("securityContext:\n  runAsGroup: 10001")),
    fires("K8S-WL-NO-SECURITY-CONTEXT", "missing", pod()),
    fires("K8S-WL-NO-SECURITY-CONTEXT", "empty", pod("securityContext: {}")),
    fires(
        "K8S-WL-NO-SECURITY-CONTEXT", "init container too",
        pod("securityContext: {runAsNonRoot: true}", spec: "initContainers:\n- name: i\n  image: busybox:1")),
    silent("K8S-WL-NO-SECURITY-CONTEXT", "set", pod("securityContext:\n  runAsNonRoot: true")),
    fires(
        "K8S-WL-SINGLE-REPLICA", "replicas 1",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 1"),
    silent(
        "K8S-WL-SINGLE-REPLICA", "replicas 3",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 3"),
    silent(
        "K8S-WL-SINGLE-REPLICA", "replicas unset (HPA)",
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: d\nspec: {}"),
]

@Test(arguments: podCases) func hardeningPodSettings(_ c: RuleCase) { c.run() }

@Test func missingLivenessProbeLocation() throws {
    let findings = HardeningHarness.scan(pod(kind: "Deployment"), rules: ["K8S-WL-NO-LIVENESS-PROBE"])
    let f = try #require(findings.first)
    #expect(f.location.path == "spec.template.spec.containers[0].livenessProbe")
    #expect(f.location.line == 9)
    #expect(f.location.column == 9)
}

@Test func defaultNamespaceLocation() throws {
    let findings = HardeningHarness.scan(pod(metadata: "namespace: default"), rules: ["K8S-WL-DEFAULT-NAMESPACE"])
    let f = try #require(findings.first)
    #expect(f.location.path == "metadata.namespace")
    #expect(f.location.line == 5)
    #expect(f.location.column == 3)
    #expect(f.severity == .low)
}
