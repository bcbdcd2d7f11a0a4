import PalisadeCore
import Testing

private func pod(_ container: String = "", spec: String = "", kind: String = "Pod") -> String {
    HardeningHarness.pod(container, spec: spec, kind: kind)
}

private let schemaCases: [RuleCase] = [
    fires("K8S-SCHEMA-TYPE", "quoted boolean", pod("securityContext:\n  privileged: \"yes\"")),
    fires(
        "K8S-SCHEMA-TYPE", "containers as a map",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: {}"),
    fires(
        "K8S-SCHEMA-TYPE", "container entry not a map",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - just-a-string"),
    fires("K8S-SCHEMA-TYPE", "securityContext a list", pod("securityContext: [privileged]")),
    fires("K8S-SCHEMA-TYPE", "runAsUser a string", pod("securityContext:\n  runAsUser: \"1000\"")),
    fires("K8S-SCHEMA-TYPE", "runAsUser a float", pod("securityContext:\n  runAsUser: 1000.5")),
    fires("K8S-SCHEMA-TYPE", "containerPort quoted", pod("ports:\n- containerPort: \"80\"")),
    fires("K8S-SCHEMA-TYPE", "hostNetwork string", pod(spec: "hostNetwork: \"false\"")),
    fires("K8S-SCHEMA-TYPE", "automount string", pod(spec: "automountServiceAccountToken: \"no\"")),
    fires("K8S-SCHEMA-TYPE", "fsGroup", pod(spec: "securityContext:\n  fsGroup: abc")),
    fires("K8S-SCHEMA-TYPE", "capabilities.drop scalar", pod("securityContext:\n  capabilities:\n    drop: ALL")),
    fires("K8S-SCHEMA-TYPE", "env a map", pod("env:\n  A: b")),
    fires("K8S-SCHEMA-TYPE", "env value a number", pod("env:\n- name: PORT\n  value: 8080")),
    fires("K8S-SCHEMA-TYPE", "resources a list", pod("resources: [1]")),
    fires(
        "K8S-SCHEMA-TYPE", "labels a list",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: [a, b]"),
    fires(
        "K8S-SCHEMA-TYPE", "label value a number",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    version: 1.0"),
    fires(
        "K8S-SCHEMA-TYPE", "replicas string",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: three"),
    fires(
        "K8S-SCHEMA-TYPE", "deployment pod spec",
        pod("securityContext:\n  allowPrivilegeEscalation: 'false'", kind: "Deployment")),
    fires("K8S-SCHEMA-TYPE", "cronjob pod spec", pod(spec: "hostPID: \"true\"", kind: "CronJob")),
    fires("K8S-SCHEMA-TYPE", "volumes a map", pod(spec: "volumes:\n  data: {}")),
    fires("K8S-SCHEMA-TYPE", "init containers a string", pod(spec: "initContainers: none")),
    fires(
        "K8S-SCHEMA-TYPE", "two wrong fields", pod("securityContext:\n  privileged: \"1\"\n  runAsNonRoot: \"y\""),
        count: 2),
    fires(
        "K8S-SCHEMA-TYPE", "template spec a list",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec: []"),
    silent("K8S-SCHEMA-TYPE", "yes is a YAML 1.1 boolean", pod("securityContext:\n  privileged: yes")),
    silent("K8S-SCHEMA-TYPE", "nulls are absent", pod("securityContext:\n  privileged: null\n  runAsUser: ~")),
    silent(
        "K8S-SCHEMA-TYPE", "well typed",
        pod(
            "securityContext:\n  runAsUser: 10001\n  capabilities: {drop: [ALL]}\nports:\n- containerPort: 8080\nenv:\n- name: PORT\n  value: \"8080\""
        )),
    silent("K8S-SCHEMA-TYPE", "quantities may be numbers", pod("resources:\n  limits: {cpu: 1, memory: 1Gi}")),
    silent(
        "K8S-SCHEMA-TYPE", "quoted label value",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    version: \"1.0\""),
    silent(
        "K8S-SCHEMA-TYPE", "unknown kinds: only metadata",
        "apiVersion: x/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  containers: {}"),
    silent("K8S-SCHEMA-TYPE", "hex integer", pod("securityContext:\n  runAsUser: 0x2711")),
    fires(
        "K8S-SCHEMA-NO-CONTAINERS", "pod without containers",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: false"),
    fires(
        "K8S-SCHEMA-NO-CONTAINERS", "empty list",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []"),
    fires(
        "K8S-SCHEMA-NO-CONTAINERS", "null containers",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:"),
    fires(
        "K8S-SCHEMA-NO-CONTAINERS", "deployment without template",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 2"),
    fires(
        "K8S-SCHEMA-NO-CONTAINERS", "deployment without spec",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d"),
    fires(
        "K8S-SCHEMA-NO-CONTAINERS", "cronjob",
        "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec: {}"
    ),
    silent("K8S-SCHEMA-NO-CONTAINERS", "has containers", pod(kind: "Deployment")),
    silent(
        "K8S-SCHEMA-NO-CONTAINERS", "wrong type is the type rule's",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: {}"),
    silent(
        "K8S-SCHEMA-NO-CONTAINERS", "not a workload", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec: {}"),
]

@Test(arguments: schemaCases) func schemaRules(_ c: RuleCase) { c.run() }

@Test func schemaTypeMessageAndLocation() throws {
    let yaml = pod("securityContext:\n  privileged: \"yes\"")
    let f = try #require(HardeningHarness.scan(yaml, rules: ["K8S-SCHEMA-TYPE"]).first)
    #expect(f.message == "spec.containers[0].securityContext.privileged: expected a boolean, found a string (\"yes\")")
    #expect(f.location.path == "spec.containers[0].securityContext.privileged")
    #expect(f.location.line == 10)
    #expect(f.location.column == 7)
    #expect(f.severity == .medium)
}

@Test func containersAsMapMessage() throws {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: {}"
    let f = try #require(HardeningHarness.scan(yaml, rules: ["K8S-SCHEMA-TYPE"]).first)
    #expect(f.message == "spec.containers: expected a list, found a map")
}

@Test func noContainersPathNamesTheMissingField() throws {
    let yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 2"
    let f = try #require(HardeningHarness.scan(yaml, rules: ["K8S-SCHEMA-NO-CONTAINERS"]).first)
    #expect(f.location.path == "spec.template.spec.containers")
}

/// Odd shapes at every level must never crash any hardening or schema rule.
@Test(arguments: [
    "apiVersion: v1\nkind: Pod\nmetadata: []\nspec: 3",
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a]\nspec:\n  containers: [[], 1, null, {securityContext: 5, env: 7, ports: [1, {hostPort: []}], resources: {limits: []}}]",
    "apiVersion: v1\nkind: Pod\nspec:\n  volumes: [{hostPath: 1}, {hostPath: {path: []}}, 5]\n  containers: [{name: a, image: [x], volumeMounts: {a: 1}, envFrom: [1, {secretRef: 2}], args: {}, command: [[]]}]",
    "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template: []",
    "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: []\n  template:\n    metadata: 1\n    spec:\n      securityContext: []\n      hostAliases: {a: 1}\n      containers:\n      - securityContext: {capabilities: {add: {a: 1}, drop: 3}}\n        image: \"\"",
    "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate: 1",
    "apiVersion: v1\nkind: ServiceAccount\nautomountServiceAccountToken: [1]",
    "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  spec: {containers: {}}",
])
func oddShapesNeverCrash(_ yaml: String) {
    _ = HardeningHarness.scan(yaml, rules: ["K8S-WL-*", "K8S-SCHEMA-*"], allowedRegistries: ["ghcr.io"])
}
