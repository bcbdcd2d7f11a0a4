import PalisadeCore
import PalisadeKube
import Testing

/// Endpoints: workloads stand for the pods of their template; names, ports and pod IPs.
@Suite struct NetworkEndpointTests {
    static let objects = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop, labels: {app: not-the-pod-label}}
        spec:
          template:
            metadata: {labels: {app: api}}
            spec:
              initContainers:
              - {name: proxy, image: p, restartPolicy: Always, ports: [{name: admin, containerPort: 9901}]}
              - {name: setup, image: s, ports: [{name: setup, containerPort: 1}]}
              containers:
              - {name: main, image: m, ports: [{name: grpc, containerPort: 9000}, {name: metrics, containerPort: 9090, protocol: UDP}]}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: api, namespace: shop}
        spec: {jobTemplate: {spec: {template: {metadata: {labels: {app: job}}, spec: {containers: [{name: c, image: c}]}}}}}
        ---
        apiVersion: v1
        kind: PodTemplate
        metadata: {name: tpl, namespace: shop}
        template: {metadata: {labels: {app: api}}, spec: {containers: [{name: c, image: c}]}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: shop, labels: {app: api}}
        spec: {containers: [{name: c, image: c}]}
        status: {podIP: "fd00::7"}

        """

    @Test func workloadsStandForTheirPodTemplates() throws {
        let f = NetworkFixture(Self.objects)
        let endpoints = f.model.endpoints
        #expect(endpoints.map(\.qualifiedName) == ["Deployment/shop/api", "CronJob/shop/api", "Pod/shop/p"])
        let api = endpoints[0]
        #expect(api.labels == ["app": "api"])
        #expect(api.resolve(portName: "grpc", proto: .tcp) == 9000)
        #expect(api.resolve(portName: "metrics", proto: .udp) == 9090)
        #expect(api.resolve(portName: "metrics", proto: .tcp) == nil)
        #expect(api.resolve(portName: "admin", proto: .tcp) == 9901)  // sidecar
        #expect(api.resolve(portName: "setup", proto: .tcp) == nil)  // plain init container
        #expect(endpoints[2].podIP == IPAddress("fd00::7"))
        #expect(endpoints[0].podIP == nil)
        #expect(f.reachability.describe(.endpoint(0)) == "Deployment/shop/api")
        #expect(f.reachability.describe(.endpoint(2)) == "shop/p")
        #expect(f.model.labels(ofNamespace: "shop") == ["kubernetes.io/metadata.name": "shop"])
    }

    @Test func policiesSelectTemplateLabelsNotObjectLabels() {
        let f = NetworkFixture(
            Self.objects
                + netPolicy("deny-api", ns: "shop", spec: "podSelector: {matchLabels: {app: api}}\ningress: []"))
        let r = f.reachability
        #expect(r.policies(selecting: 0, .ingress) == [0])  // the Deployment, through its template
        #expect(r.policies(selecting: 1, .ingress).isEmpty)  // the CronJob's pods are app=job
        #expect(r.policies(selecting: 2, .ingress) == [0])
        let g = NetworkFixture(
            Self.objects
                + netPolicy("x", ns: "shop", spec: "podSelector: {matchLabels: {app: not-the-pod-label}}\ningress: []"))
        #expect(g.reachability.policies(selecting: 0, .ingress).isEmpty)
    }
}
