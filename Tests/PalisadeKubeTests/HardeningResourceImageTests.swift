import PalisadeCore
import Testing

private func pod(
    _ container: String = "", spec: String = "", image: String = "ghcr.io/acme/app:1.0", kind: String = "Pod"
) -> String {
    HardeningHarness.pod(container, spec: spec, image: image, kind: kind)
}
private let limited = """
    resources:
      requests: {cpu: 100m, memory: 64Mi}
      limits: {cpu: 500m, memory: 128Mi}
    """

private let resourceCases: [RuleCase] = [
    fires("K8S-WL-CPU-REQUEST", "no resources", pod()),
    fires("K8S-WL-CPU-LIMIT", "no resources", pod()),
    fires("K8S-WL-MEMORY-REQUEST", "no resources", pod()),
    fires("K8S-WL-MEMORY-LIMIT", "no resources", pod()),
    fires("K8S-WL-MEMORY-LIMIT", "only cpu limit", pod("resources:\n  limits: {cpu: 1}")),
    fires("K8S-WL-MEMORY-LIMIT", "empty memory limit", pod("resources:\n  limits: {memory: \"\"}")),
    fires("K8S-WL-CPU-LIMIT", "requests only", pod("resources:\n  requests: {cpu: 1, memory: 1Gi}")),
    fires(
        "K8S-WL-MEMORY-LIMIT", "init container too",
        pod(limited, spec: "initContainers:\n- name: setup\n  image: ghcr.io/acme/setup:1"), count: 1),
    fires("K8S-WL-MEMORY-REQUEST", "deployment", pod(kind: "Deployment")),
    silent("K8S-WL-CPU-REQUEST", "all set", pod(limited)),
    silent("K8S-WL-CPU-LIMIT", "all set", pod(limited)),
    silent("K8S-WL-MEMORY-REQUEST", "all set", pod(limited)),
    silent("K8S-WL-MEMORY-LIMIT", "all set", pod(limited)),
    silent("K8S-WL-MEMORY-LIMIT", "integer quantity", pod("resources:\n  limits: {memory: 134217728}")),
    silent(
        "K8S-WL-MEMORY-LIMIT", "ephemeral containers exempt",
        pod(limited, spec: "ephemeralContainers:\n- name: dbg\n  image: busybox:1")),
]

private let imageCases: [RuleCase] = [
    fires("K8S-WL-IMAGE-NO-TAG", "bare name", pod(image: "nginx")),
    fires("K8S-WL-IMAGE-NO-TAG", "registry with port, no tag", pod(image: "localhost:5000/app")),
    silent("K8S-WL-IMAGE-NO-TAG", "registry with port and tag", pod(image: "localhost:5000/app:2.1")),
    silent("K8S-WL-IMAGE-NO-TAG", "digest only", pod(image: "nginx@sha256:" + String(repeating: "a", count: 64))),
    silent("K8S-WL-IMAGE-NO-TAG", "templated image", pod(image: "\"{{ .Values.image }}\"")),
    fires("K8S-WL-IMAGE-LATEST", "latest", pod(image: "nginx:latest")),
    fires("K8S-WL-IMAGE-LATEST", "latest with port registry", pod(image: "localhost:5000/team/app:latest")),
    silent("K8S-WL-IMAGE-LATEST", "no tag is the no-tag rule", pod(image: "nginx")),
    silent(
        "K8S-WL-IMAGE-LATEST", "latest pinned by digest",
        pod(image: "nginx:latest@sha256:" + String(repeating: "b", count: 64))),
    silent("K8S-WL-IMAGE-LATEST", "version tag", pod(image: "nginx:1.27")),
    fires("K8S-WL-IMAGE-NOT-PINNED", "tag only", pod(image: "nginx:1.27")),
    silent(
        "K8S-WL-IMAGE-NOT-PINNED", "digest",
        pod(image: "ghcr.io/acme/app:1@sha256:" + String(repeating: "c", count: 64))),
    fires(
        "K8S-WL-IMAGE-PULL-POLICY", "explicit IfNotPresent", pod("imagePullPolicy: IfNotPresent", image: "nginx:1.27")),
    fires("K8S-WL-IMAGE-PULL-POLICY", "default policy for a version tag", pod(image: "nginx:1.27")),
    fires("K8S-WL-IMAGE-PULL-POLICY", "Never on latest", pod("imagePullPolicy: Never", image: "nginx:latest")),
    silent("K8S-WL-IMAGE-PULL-POLICY", "Always", pod("imagePullPolicy: Always", image: "nginx:1.27")),
    silent("K8S-WL-IMAGE-PULL-POLICY", "default is Always for latest", pod(image: "nginx:latest")),
    silent("K8S-WL-IMAGE-PULL-POLICY", "default is Always without tag", pod(image: "nginx")),
    silent(
        "K8S-WL-IMAGE-PULL-POLICY", "digest makes IfNotPresent safe",
        pod("imagePullPolicy: IfNotPresent", image: "nginx@sha256:" + String(repeating: "d", count: 64))),
    fires("K8S-WL-IMAGE-REGISTRY", "docker hub not allowed", pod(image: "nginx:1"), registries: ["ghcr.io"]),
    fires("K8S-WL-IMAGE-REGISTRY", "other org", pod(image: "ghcr.io/evil/app:1"), registries: ["ghcr.io/acme"]),
    fires(
        "K8S-WL-IMAGE-REGISTRY", "prefix is per component", pod(image: "ghcr.io/acme-evil/app:1"),
        registries: ["ghcr.io/acme"]),
    fires(
        "K8S-WL-IMAGE-REGISTRY", "port is part of host", pod(image: "localhost:5001/app:1"),
        registries: ["localhost:5000"]),
    silent("K8S-WL-IMAGE-REGISTRY", "host allowed", pod(image: "ghcr.io/evil/app:1"), registries: ["ghcr.io"]),
    silent(
        "K8S-WL-IMAGE-REGISTRY", "org prefix allowed", pod(image: "ghcr.io/acme/app:1"), registries: ["ghcr.io/acme/"]),
    silent("K8S-WL-IMAGE-REGISTRY", "implicit docker.io", pod(image: "nginx:1"), registries: ["docker.io"]),
    silent(
        "K8S-WL-IMAGE-REGISTRY", "docker.io alias", pod(image: "index.docker.io/library/nginx:1"),
        registries: ["docker.io/nginx"]),
    silent(
        "K8S-WL-IMAGE-REGISTRY", "host with port", pod(image: "localhost:5000/app:1"), registries: ["localhost:5000"]),
    silent("K8S-WL-IMAGE-REGISTRY", "no allow list means anything goes", pod(image: "evil.example/app:1")),
]

@Test(arguments: resourceCases) func hardeningResources(_ c: RuleCase) { c.run() }
@Test(arguments: imageCases) func hardeningImages(_ c: RuleCase) { c.run() }

@Test func missingMemoryLimitPointsAtTheContainer() {
    let yaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
              - name: web
                image: ghcr.io/acme/web:1.0
                resources:
                  limits:
                    cpu: 500m
        """
    let findings = HardeningHarness.scan(yaml, rules: ["K8S-WL-MEMORY-LIMIT"])
    #expect(findings.count == 1)
    let f = try! #require(findings.first)
    #expect(f.location.line == 9)
    #expect(f.location.column == 9)
    #expect(f.location.path == "spec.template.spec.containers[0].resources.limits.memory")
    #expect(f.message == "container \"web\" sets no memory limit (resources.limits.memory)")
    #expect(f.severity == .medium)
}

@Test func latestTagFindingPointsAtTheImageField() throws {
    let findings = HardeningHarness.scan(pod(image: "nginx:latest"), rules: ["K8S-WL-IMAGE-LATEST"])
    let f = try #require(findings.first)
    #expect(f.location.path == "spec.containers[0].image")
    #expect(f.location.line == 8)
    #expect(f.location.column == 5)
    #expect(f.message.contains("\"nginx:latest\""))
}
