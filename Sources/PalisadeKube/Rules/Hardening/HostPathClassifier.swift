import PalisadeFormats

/// Normalises host paths and says which ones are dangerous to mount.
enum HostPathClassifier {
    /// `//var/./run/docker.sock/` → `/var/run/docker.sock`; `..` climbs (never above `/`).
    static func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Container runtime sockets and the directories that hold them.
    static let runtimeSocketPaths: Set<String> = [
        "/var/run/docker.sock", "/run/docker.sock", "/var/run/docker", "/run/docker",
        "/run/containerd/containerd.sock", "/var/run/containerd/containerd.sock", "/run/containerd",
        "/var/run/containerd", "/var/run/crio/crio.sock", "/run/crio/crio.sock", "/var/run/crio", "/run/crio",
        "/run/podman/podman.sock", "/var/run/podman/podman.sock", "/run/podman", "/var/run/podman",
        "/var/run/cri-dockerd.sock", "/run/cri-dockerd.sock", "/var/run/dockershim.sock", "/run/dockershim.sock",
        "/run/k3s/containerd/containerd.sock", "/run/k3s/containerd", "/var/snap/microk8s/common/run/containerd.sock",
        "/run", "/var/run",
    ]

    static let runtimeNames = ["docker", "containerd", "crio", "podman", "dockershim"]

    /// Whether `path` (normalised) is a container runtime socket or a directory holding one.
    static func isRuntimeSocket(_ path: String) -> Bool {
        if runtimeSocketPaths.contains(path) { return true }
        guard path.hasSuffix(".sock") else { return false }
        return runtimeNames.contains { path.contains($0) }
    }

    /// Host directories that are dangerous only when mounted whole.
    static let sensitiveExact: Set<String> = [
        "/", "/etc", "/dev", "/sys", "/var", "/usr", "/home", "/lib", "/bin", "/sbin", "/var/lib",
    ]

    /// Host directories dangerous whole or in part (credentials, kernel interfaces, node state).
    static let sensitiveTrees: [String] = [
        "/proc", "/root", "/boot", "/var/lib/kubelet", "/var/lib/docker", "/var/lib/containerd", "/var/lib/etcd",
        "/etc/kubernetes", "/var/log", "/etc/ssh", "/etc/shadow", "/etc/sudoers", "/etc/pki",
    ]

    /// A short description of why `path` is sensitive, or `nil` when it is not on the list.
    static func sensitiveReason(_ path: String) -> String? {
        if sensitiveExact.contains(path) {
            return path == "/" ? "the host's root filesystem" : "a host system directory"
        }
        for tree in sensitiveTrees where path == tree || path.hasPrefix(tree + "/") {
            switch tree {
            case "/proc": return "the host's process and kernel interface"
            case "/var/lib/kubelet", "/etc/kubernetes", "/var/lib/etcd": return "Kubernetes node credentials and state"
            case "/var/lib/docker", "/var/lib/containerd": return "the container runtime's state"
            case "/var/log": return "host logs (readable through kubelet log symlinks)"
            default: return "sensitive host data"
            }
        }
        return nil
    }
}

/// A `hostPath` volume of a pod and the containers that mount it.
struct HostPathVolume {
    var name: String
    var pathNode: YAMLNode
    var path: String
    /// `container "x" at /mnt` for every mount of the volume.
    var mounts: [(container: ContainerView, mount: YAMLNode)]

    static func all(in pod: PodSpecView) -> [HostPathVolume] {
        guard let volumes = pod.spec["volumes"]?.items else { return [] }
        var out: [HostPathVolume] = []
        var containers: [ContainerView]?
        for v in volumes {
            guard let pathNode = v["hostPath"]?["path"], let raw = pathNode.string else { continue }
            let name = v["name"]?.string ?? ""
            if containers == nil { containers = pod.containers }
            var mounts: [(container: ContainerView, mount: YAMLNode)] = []
            for c in containers ?? [] {
                for m in c.node["volumeMounts"]?.items ?? [] where m["name"]?.string == name {
                    mounts.append((c, m))
                }
            }
            out.append(
                HostPathVolume(name: name, pathNode: pathNode, path: HostPathClassifier.normalise(raw), mounts: mounts))
        }
        return out
    }

    var mountDescription: String {
        if mounts.isEmpty { return "not mounted by any container" }
        return mounts.map { "mounted in \($0.container.label) at \($0.mount["mountPath"]?.string ?? "?")" }
            .joined(separator: ", ")
    }
}
