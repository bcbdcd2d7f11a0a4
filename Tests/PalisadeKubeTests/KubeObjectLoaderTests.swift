import PalisadeFormats
import PalisadeKube
import Testing

@Suite struct KubeObjectLoaderTests {
    @Test func flattensListsAndKeepsGoingAfterErrors() {
        let text = """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: ServiceAccount, metadata: {name: a, namespace: x}}
            - {apiVersion: v1, kind: ServiceAccount, metadata: {name: b, namespace: x}}
            ---
            just: a map
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            ---
            key: [unclosed
            """
        var loaded = KubeObjectLoader.Loaded()
        KubeObjectLoader().load(SourceBuffer(name: "m.yaml", copying: Array(text.utf8)), into: &loaded)
        #expect(loaded.objects.map(\.name) == ["a", "b", "reader"])
        #expect(loaded.objects.map(\.kind) == ["ServiceAccount", "ServiceAccount", "ClusterRole"])
        #expect(loaded.skipped.map(\.line) == [7])
        #expect(loaded.errors.count == 1)
        #expect(loaded.errors.first?.file == "m.yaml")
    }
}
