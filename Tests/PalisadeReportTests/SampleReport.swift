import PalisadeCore
import PalisadeReport

/// A fixed report exercising every part of every format: several files and objects, a Pod
/// Security finding (frameworks.pss), a finding on an object without namespace, one without
/// an object, awkward characters, an input error, a note and workloads at each level.
enum SampleReport {
    static let privileged = RuleMetadata(
        id: "K8S-PSS-PRIVILEGED", title: "Container runs privileged", severity: .high,
        category: "Pod Security Standards",
        why: "A privileged container has every capability and all host devices; escaping to the node is trivial.",
        remediation: "Remove securityContext.privileged or set it to false.",
        frameworks: FrameworkMappings(
            pss: PodSecurityMapping(level: .baseline, control: "Privileged Containers"), cis: ["5.2.2"],
            nsa: ["Pod security: non-root containers"], mitre: ["T1611"]),
        references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"])

    static let runAsNonRoot = RuleMetadata(
        id: "K8S-PSS-RUN-AS-NON-ROOT", title: "Container may run as root", severity: .medium,
        category: "Pod Security Standards",
        why: "A process running as UID 0 keeps root's file access inside the container and after an escape.",
        remediation: "Set securityContext.runAsNonRoot: true and a non-zero runAsUser.",
        frameworks: FrameworkMappings(
            pss: PodSecurityMapping(level: .restricted, control: "Running as Non-root"), cis: ["5.2.6"]),
        references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"])

    static let clusterAdmin = RuleMetadata(
        id: "K8S-RBAC-CLUSTER-ADMIN", title: "Binding grants cluster-admin", severity: .critical, category: "RBAC",
        why: "Every subject bound to cluster-admin can read all Secrets and take over the cluster.",
        remediation: "Bind a Role with only the verbs and resources the subject needs.",
        frameworks: FrameworkMappings(cis: ["5.1.1"], mitre: ["T1078"]))

    static let latestTag = RuleMetadata(
        id: "K8S-IMAGE-LATEST", title: "Image uses the latest tag", severity: .low, category: "Images",
        why: "A mutable tag means a different image can run tomorrow without any change to the manifest.",
        remediation: "Pin images by digest (image@sha256:…) or an immutable version tag.",
        frameworks: FrameworkMappings(nist: [.image, .registry]))

    static let noteRule = RuleMetadata(
        id: "K8S-NAMESPACE-MISSING", title: "Object has no namespace", severity: .info, category: "Best practice",
        why: "Without a namespace the object lands wherever the current kubectl context points.",
        remediation: "Set metadata.namespace explicitly.")

    /// A rule that never fires: SARIF and JUnit still list it.
    static let hostPath = RuleMetadata(
        id: "K8S-PSS-HOST-PATH", title: "Pod mounts a hostPath volume", severity: .high,
        category: "Pod Security Standards", why: "hostPath gives the container the node's file system.",
        remediation: "Use a PersistentVolumeClaim, configMap or emptyDir instead.",
        frameworks: FrameworkMappings(pss: PodSecurityMapping(level: .baseline, control: "HostPath Volumes")))

    static let web = ObjectReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "web")
    static let worker = ObjectReference(apiVersion: "batch/v1", kind: "CronJob", namespace: nil, name: "worker")
    static let binding = ObjectReference(
        apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", namespace: nil, name: "ops-admins")

    static var report: ScanReport {
        let findings = [
            Finding(
                rule: privileged, message: "container \"web\" sets securityContext.privileged: true", object: web,
                location: Location(
                    file: "deploy/web.yaml", line: 21, column: 25,
                    path: "spec.template.spec.containers[0].securityContext.privileged")),
            Finding(
                rule: runAsNonRoot, message: "container \"web\" does not set runAsNonRoot: true", object: web,
                location: Location(
                    file: "deploy/web.yaml", line: 18, column: 11, path: "spec.template.spec.containers[0]")),
            Finding(
                rule: latestTag, message: "container \"sidecar\" uses image \"proxy:latest\" | tag <latest> & co",
                object: web,
                location: Location(
                    file: "deploy/web.yaml", line: 30, column: 18, path: "spec.template.spec.containers[1].image")),
            Finding(
                rule: runAsNonRoot, message: "container \"job\" does not set runAsNonRoot: true", object: worker,
                location: Location(
                    file: "deploy/jobs dir/worker.yaml", line: 12, column: 15,
                    path: "spec.jobTemplate.spec.template.spec.containers[0]")),
            Finding(
                rule: noteRule, message: "CronJob \"worker\" sets no metadata.namespace", object: worker,
                location: Location(file: "deploy/jobs dir/worker.yaml", line: 4, column: 3, path: "metadata")),
            Finding(
                rule: clusterAdmin, message: "ClusterRoleBinding \"ops-admins\" binds cluster-admin to group \"ops\"",
                object: binding,
                location: Location(file: "rbac.yaml", line: 9, column: 9, path: "roleRef.name")),
            Finding(
                rule: latestTag, message: "image \"tools:latest\" in a manifest read from stdin", object: nil,
                location: Location(file: "-", line: 3, column: 12, path: "")),
        ]
        return ScanReport(
            toolVersion: "0.1.0", command: "k8s", targets: ["deploy/", "rbac.yaml", "-"],
            findings: findings.sorted(by: Finding.reportOrder),
            rules: [clusterAdmin, hostPath, latestTag, noteRule, privileged, runAsNonRoot],
            workloads: [
                WorkloadPosture(object: web, file: "deploy/web.yaml", line: 1, podSecurityLevel: .privileged),
                WorkloadPosture(
                    object: worker, file: "deploy/jobs dir/worker.yaml", line: 1, podSecurityLevel: .baseline),
                WorkloadPosture(
                    object: ObjectReference(apiVersion: "v1", kind: "Pod", namespace: "prod", name: "api"),
                    file: "deploy/api.yaml", line: 1, podSecurityLevel: .restricted),
                WorkloadPosture(
                    object: ObjectReference(
                        apiVersion: "apps/v1", kind: "DaemonSet", namespace: "kube-system", name: "agent"),
                    file: "deploy/agent.yaml", line: 1, podSecurityLevel: .restricted),
            ],
            errors: [
                InputError(
                    file: "deploy/broken.yaml", line: 7, column: 3, reason: "mapping values are not allowed here")
            ],
            suppressed: 2,
            notes: ["ignore entry for K8S-IMAGE-LATEST in .palisadeignore expired on 2025-01-31"],
            objectCount: 6, fileCount: 5)
    }

    /// A scan that found nothing.
    static var clean: ScanReport {
        ScanReport(
            toolVersion: "0.1.0", command: "k8s", targets: ["deploy/"], findings: [], rules: [privileged],
            workloads: [], errors: [], suppressed: 0, notes: [], objectCount: 3, fileCount: 1)
    }
}
