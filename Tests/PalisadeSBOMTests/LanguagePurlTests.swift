import Testing

@testable import PalisadeSBOM

@Suite("Language: purls")
struct LanguagePurlTests {
    @Test func encodesScopesAndPlusAndNormalisesCase() {
        #expect(
            LanguagePurl.make(type: .npm, namespace: "@babel", name: "core", version: "7.0.0")
                == "pkg:npm/%40babel/core@7.0.0")
        #expect(
            LanguagePurl.make(type: .golang, namespace: "github.com/x", name: "y", version: "v2.0.0+incompatible")
                == "pkg:golang/github.com/x/y@v2.0.0%2Bincompatible")
        #expect(LanguagePurl.make(type: .golang, name: "stdlib", version: nil) == "pkg:golang/stdlib")
        // npm and PyPI names are case-insensitive; Maven and NuGet keep their case.
        #expect(LanguagePurl.make(type: .npm, name: "JSONStream", version: "1.3.5") == "pkg:npm/jsonstream@1.3.5")
        #expect(
            LanguagePurl.make(type: .nuget, name: "Newtonsoft.Json", version: "13.0.3")
                == "pkg:nuget/Newtonsoft.Json@13.0.3")
        #expect(
            LanguagePurl.make(type: .maven, namespace: "org.a", name: "b c", version: "1") == "pkg:maven/org.a/b%20c@1")
    }

    @Test func everyCatalogerHasAUniqueID() {
        let ids = LanguageCatalogers.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids) == ["python", "npm", "go-binary", "rust", "java", "gem", "composer", "dotnet"])
    }
}
