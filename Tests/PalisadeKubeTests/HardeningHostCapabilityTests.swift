import PalisadeCore
import Testing

@testable import PalisadeKube

private func pod(_ container: String = "", spec: String = "", kind: String = "Pod") -> String {
    HardeningHarness.pod(container, spec: spec, kind: kind)
}

/// A pod mounting host path `path` as volume `host` at /host, optionally read-only.
private func hostPath(_ path: String, readOnly: Bool = false) -> String {
    pod(
        "volumeMounts:\n- name: host\n  mountPath: /host" + (readOnly ? "\n  readOnly: true" : ""),
        spec: "volumes:\n- name: host\n  hostPath:\n    path: \(path)")
}

private func caps(add: String? = nil, drop: String? = nil) -> String {
    var lines = "securityContext:\n  capabilities:"
    if let add { lines += "\n    add: \(add)" }
    if let drop { lines += "\n    drop: \(drop)" }
    return pod(lines)
}

private let hostCases: [RuleCase] = [
    fires("K8S-WL-RUNTIME-SOCKET", "docker.sock", hostPath("/var/run/docker.sock")),
    fires("K8S-WL-RUNTIME-SOCKET", "containerd", hostPath("/run/containerd/containerd.sock")),
    fires("K8S-WL-RUNTIME-SOCKET", "crio", hostPath("/var/run/crio/crio.sock")),
    fires("K8S-WL-RUNTIME-SOCKET", "podman dir", hostPath("/run/podman")),
    fires("K8S-WL-RUNTIME-SOCKET", "messy path", hostPath("//var/./run//docker.sock/")),
    fires("K8S-WL-RUNTIME-SOCKET", "read-only still counts", hostPath("/var/run/docker.sock", readOnly: true)),
    fires("K8S-WL-RUNTIME-SOCKET", "whole /var/run", hostPath("/var/run")),
    silent("K8S-WL-RUNTIME-SOCKET", "ordinary path", hostPath("/data/cache")),
    silent("K8S-WL-RUNTIME-SOCKET", "other socket", hostPath("/var/run/app/app.sock")),
    silent("K8S-WL-RUNTIME-SOCKET", "root is the sensitive-path rule", hostPath("/")),
    fires("K8S-WL-SENSITIVE-HOSTPATH", "root", hostPath("/")),
    fires("K8S-WL-SENSITIVE-HOSTPATH", "etc with trailing slash", hostPath("/etc/")),
    fires("K8S-WL-SENSITIVE-HOSTPATH", "proc subtree", hostPath("/proc/1/root")),
    fires("K8S-WL-SENSITIVE-HOSTPATH", "kubelet", hostPath("/var/lib/kubelet")),
    fires("K8S-WL-SENSITIVE-HOSTPATH", "docker state", hostPath("/var/lib/docker/")),
    fires("K8S-WL-SENSITIVE-HOSTPATH", "logs", hostPath("/var/log")),
    fires("K8S-WL-SENSITIVE-HOSTPATH", "dot-dot climbs out", hostPath("/data/../etc")),
    fires("K8S-WL-SENSITIVE-HOSTPATH", "root home", hostPath("/root/.ssh")),
    fires("K8S-WL-SENSITIVE-HOSTPATH", "sys", hostPath("/sys")),
    fires("K8S-WL-SENSITIVE-HOSTPATH", "boot", hostPath("/boot")),
    fires("K8S-WL-SENSITIVE-HOSTPATH", "dev", hostPath("/dev")),
    silent("K8S-WL-SENSITIVE-HOSTPATH", "a single etc file", hostPath("/etc/localtime")),
    silent("K8S-WL-SENSITIVE-HOSTPATH", "data dir", hostPath("/data/cache")),
    silent("K8S-WL-SENSITIVE-HOSTPATH", "socket is the runtime rule", hostPath("/var/run/docker.sock")),
    fires("K8S-WL-WRITABLE-HOSTPATH", "no readOnly", hostPath("/data/cache")),
    fires(
        "K8S-WL-WRITABLE-HOSTPATH", "readOnly false",
        pod(
            "volumeMounts:\n- name: h\n  mountPath: /h\n  readOnly: false",
            spec: "volumes:\n- name: h\n  hostPath: {path: /data}")),
    silent("K8S-WL-WRITABLE-HOSTPATH", "read-only", hostPath("/data/cache", readOnly: true)),
    silent(
        "K8S-WL-WRITABLE-HOSTPATH", "emptyDir is fine",
        pod("volumeMounts:\n- name: tmp\n  mountPath: /tmp", spec: "volumes:\n- name: tmp\n  emptyDir: {}")),
]

private let capabilityCases: [RuleCase] = [
    fires("K8S-WL-NET-RAW", "no securityContext", pod()),
    fires("K8S-WL-NET-RAW", "drops others", caps(drop: "[SYS_CHOWN]")),
    fires("K8S-WL-NET-RAW", "drops all but adds it back", caps(add: "[NET_RAW]", drop: "[ALL]")),
    silent("K8S-WL-NET-RAW", "drops ALL", caps(drop: "[ALL]")),
    silent("K8S-WL-NET-RAW", "drops NET_RAW", caps(drop: "[NET_RAW]")),
    silent("K8S-WL-NET-RAW", "drops cap_net_raw lower case", caps(drop: "[cap_net_raw]")),
    silent("K8S-WL-NET-RAW", "windows pod", pod(spec: "os:\n  name: windows")),
    fires("K8S-WL-SYS-ADMIN", "SYS_ADMIN", caps(add: "[SYS_ADMIN]")),
    fires("K8S-WL-SYS-ADMIN", "CAP_ prefix, lower case", caps(add: "[cap_sys_admin]")),
    silent("K8S-WL-SYS-ADMIN", "dropped, not added", caps(drop: "[SYS_ADMIN]")),
    silent("K8S-WL-SYS-ADMIN", "other capability", caps(add: "[NET_BIND_SERVICE]")),
    fires("K8S-WL-DANGEROUS-CAPABILITY", "NET_ADMIN", caps(add: "[NET_ADMIN]")),
    fires("K8S-WL-DANGEROUS-CAPABILITY", "two of them", caps(add: "[SYS_PTRACE, CAP_SYS_MODULE]"), count: 2),
    fires("K8S-WL-DANGEROUS-CAPABILITY", "ALL", caps(add: "[all]")),
    fires("K8S-WL-DANGEROUS-CAPABILITY", "BPF", caps(add: "[BPF]")),
    silent("K8S-WL-DANGEROUS-CAPABILITY", "SYS_ADMIN has its own rule", caps(add: "[SYS_ADMIN]")),
    silent("K8S-WL-DANGEROUS-CAPABILITY", "NET_BIND_SERVICE", caps(add: "[NET_BIND_SERVICE]")),
]

@Test(arguments: hostCases) func hardeningHostMounts(_ c: RuleCase) { c.run() }
@Test(arguments: capabilityCases) func hardeningCapabilities(_ c: RuleCase) { c.run() }

@Test func runtimeSocketMessageNamesVolumeAndMount() throws {
    let findings = HardeningHarness.scan(hostPath("/var/run//docker.sock"), rules: ["K8S-WL-RUNTIME-SOCKET"])
    let f = try #require(findings.first)
    #expect(f.severity == .critical)
    #expect(f.location.path == "spec.volumes[0].hostPath.path")
    #expect(
        f.message == "volume \"host\" mounts host path /var/run/docker.sock (container runtime socket), "
            + "mounted in container \"app\" at /host")
}

@Test(arguments: [
    ("/", "/"), ("//", "/"), ("/etc/", "/etc"), ("/var/./run//docker.sock", "/var/run/docker.sock"),
    ("/a/../../etc", "/etc"), ("relative/dir", "/relative/dir"),
])
func hostPathNormalisation(_ raw: String, _ normalised: String) {
    #expect(HostPathClassifier.normalise(raw) == normalised)
}

@Test func sysAdminFindingPointsAtTheCapability() throws {
    let findings = HardeningHarness.scan(caps(add: "[NET_BIND_SERVICE, SYS_ADMIN]"), rules: ["K8S-WL-SYS-ADMIN"])
    let f = try #require(findings.first)
    #expect(f.location.path == "spec.containers[0].securityContext.capabilities.add[1]")
    #expect(f.severity == .critical)
}

@Test(
    arguments: [
        ("nginx", "docker.io", "library/nginx", nil, nil),
        ("nginx:1.27", "docker.io", "library/nginx", "1.27", nil),
        ("acme/app:2", "docker.io", "acme/app", "2", nil),
        ("localhost:5000/app", "localhost:5000", "app", nil, nil),
        ("localhost/app:1", "localhost", "app", "1", nil),
        ("Registry.Example.com:443/team/app:v1@sha256:abc", "registry.example.com:443", "team/app", "v1", "sha256:abc"),
        ("ghcr.io/acme/app@sha256:def", "ghcr.io", "acme/app", nil, "sha256:def"),
        ("index.docker.io/library/nginx:latest", "docker.io", "library/nginx", "latest", nil),
    ] as [(String, String, String, String?, String?)])
func imageReferenceParsing(_ text: String, _ registry: String, _ repository: String, _ tag: String?, _ digest: String?)
    throws
{
    let ref = try #require(ImageReference(text))
    #expect(ref.registry == registry)
    #expect(ref.repository == repository)
    #expect(ref.tag == tag)
    #expect(ref.digest == digest)
}

@Test(arguments: ["", "{{ .Values.image }}", "$(IMAGE)", "nginx latest"])
func imageReferenceRejectsTemplates(_ text: String) {
    #expect(ImageReference(text) == nil)
}
