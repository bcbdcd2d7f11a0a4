import PalisadeCore
import PalisadeKube
import Testing

/// A Deployment that follows every hardening recommendation; none of the K8S-WL-* or K8S-SCHEMA-* rules may fire.
private let hardenedDeployment = """
    apiVersion: v1
    kind: ServiceAccount
    metadata:
      name: web
      namespace: shop
    automountServiceAccountToken: false
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: shop
      labels:
        app.kubernetes.io/name: web
    spec:
      replicas: 3
      selector:
        matchLabels:
          app.kubernetes.io/name: web
      template:
        metadata:
          labels:
            app.kubernetes.io/name: web
        spec:
          serviceAccountName: web
          automountServiceAccountToken: false
          securityContext:
            runAsNonRoot: true
            runAsUser: 10001
            runAsGroup: 10001
            fsGroup: 10001
            seccompProfile:
              type: RuntimeDefault
          initContainers:
          - name: migrate
            image: ghcr.io/acme/web-migrate:2.3.1@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
            imagePullPolicy: IfNotPresent
            args: ["--config=/etc/web/config.yaml"]
            resources:
              requests: {cpu: 50m, memory: 64Mi}
              limits: {cpu: 200m, memory: 128Mi}
            securityContext:
              allowPrivilegeEscalation: false
              readOnlyRootFilesystem: true
              capabilities:
                drop: ["ALL"]
          containers:
          - name: web
            image: ghcr.io/acme/web:2.3.1@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
            imagePullPolicy: IfNotPresent
            ports:
            - name: http
              containerPort: 8080
            env:
            - name: LOG_LEVEL
              value: info
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: web-db
                  key: password
            - name: DB_PASSWORD_FILE
              value: /var/run/secrets/db/password
            resources:
              requests:
                cpu: 100m
                memory: 128Mi
              limits:
                cpu: "1"
                memory: 256Mi
            livenessProbe:
              httpGet: {path: /healthz, port: http}
            readinessProbe:
              httpGet: {path: /ready, port: http}
            securityContext:
              allowPrivilegeEscalation: false
              readOnlyRootFilesystem: true
              capabilities:
                drop: ["ALL"]
                add: ["NET_BIND_SERVICE"]
            volumeMounts:
            - name: tmp
              mountPath: /tmp
            - name: db
              mountPath: /var/run/secrets/db
              readOnly: true
          volumes:
          - name: tmp
            emptyDir: {}
          - name: db
            secret:
              secretName: web-db
    """

/// A Deployment doing nearly everything wrong.
private let insecureDeployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: legacy
      namespace: default
    spec:
      replicas: 1
      template:
        spec:
          shareProcessNamespace: true
          dnsPolicy: Default
          hostAliases:
          - ip: 10.1.2.3
            hostnames: [db.internal]
          initContainers:
          - name: setup
            image: ghcr.io/acme/setup:1.0
          containers:
          - name: app
            image: docker.io/acme/legacy
            ports:
            - containerPort: 22
              hostPort: 2222
            env:
            - name: DB_PASSWORD
              value: hunter2hunter2
            - name: DEPLOY_KEY
              value: AKIAIOSFODNN7EXAMPLE
            envFrom:
            - secretRef: {name: everything}
            args: ["--api-token=abcdef123456"]
            securityContext:
              runAsUser: 1000
              runAsGroup: 0
              capabilities:
                add: [SYS_ADMIN, NET_ADMIN]
            volumeMounts:
            - {name: sock, mountPath: /var/run/docker.sock}
            - {name: etc, mountPath: /host/etc}
          - name: sidecar
            image: nginx:latest
            imagePullPolicy: IfNotPresent
            securityContext:
              privileged: "true"
          volumes:
          - name: sock
            hostPath: {path: /var/run/docker.sock}
          - name: etc
            hostPath: {path: /etc}
    ---
    apiVersion: v1
    kind: ServiceAccount
    metadata:
      name: default
      namespace: legacy
    """

@Test func hardenedDeploymentHasNoHardeningOrSchemaFindings() {
    let findings = HardeningHarness.scan(
        hardenedDeployment, rules: ["K8S-WL-*", "K8S-SCHEMA-*"], allowedRegistries: ["ghcr.io/acme"])
    #expect(findings.isEmpty, "\(findings.map { "\($0.ruleId): \($0.message)" })")
}

@Test func insecureDeploymentTriggersEveryHardeningRule() {
    let findings = HardeningHarness.scan(
        insecureDeployment, rules: ["K8S-WL-*", "K8S-SCHEMA-*"], allowedRegistries: ["ghcr.io/acme"])
    let fired = Set(findings.map(\.ruleId))
    let all = Set(
        (HardeningRules.objectRules.map(\.metadata) + HardeningRules.workloadRules.map(\.metadata)).map(\.id))
    #expect(all.count >= 30)
    #expect(all.subtracting(fired).isEmpty, "never fired: \(all.subtracting(fired).sorted())")
    #expect(fired.contains("K8S-SCHEMA-TYPE"))
    for f in findings {
        #expect(!f.message.contains("hunter2"))
        #expect(!f.message.contains("AKIAIOSFODNN7EXAMPLE"))
        #expect(!f.message.contains("abcdef123456"))
    }
}

@Test func hardeningAndSchemaMetadataIsComplete() {
    let rules =
        HardeningRules.objectRules.map(\.metadata) + HardeningRules.workloadRules.map(\.metadata)
        + SchemaRules.objectRules.map(\.metadata) + SchemaRules.workloadRules.map(\.metadata)
    #expect(Set(rules.map(\.id)).count == rules.count, "duplicate ids")
    for r in rules {
        #expect(r.id.hasPrefix("K8S-WL-") || r.id.hasPrefix("K8S-SCHEMA-"))
        #expect(r.category == (r.id.hasPrefix("K8S-WL-") ? "Workload hardening" : "Schema"))
        #expect(!r.title.isEmpty && !r.why.isEmpty && !r.remediation.isEmpty && !r.references.isEmpty)
        // Hardening rules must not change a workload's Pod Security level.
        #expect(r.frameworks.pss == nil)
    }
}
