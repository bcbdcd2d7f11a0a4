import Testing

@testable import PalisadeSBOM

@Suite struct PackageURLTests {
    struct Case: Sendable, CustomStringConvertible {
        var purl: PackageURL
        var expected: String
        var description: String { expected }
    }

    /// Canonical forms from the purl spec's examples and test suite.
    static let specCases: [Case] = [
        Case(
            purl: PackageURL(
                type: "deb", namespace: "debian", name: "curl", version: "7.50.3-1",
                qualifiers: ["arch": "i386", "distro": "jessie"]),
            expected: "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie"),
        Case(
            purl: PackageURL(type: "npm", namespace: "@angular", name: "animation", version: "12.3.1"),
            expected: "pkg:npm/%40angular/animation@12.3.1"),
        Case(
            purl: PackageURL(type: "maven", namespace: "org.apache.xmlgraphics", name: "batik-anim", version: "1.9.1"),
            expected: "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1"),
        Case(
            purl: PackageURL(type: "pypi", name: "django-allauth", version: "12.23"),
            expected: "pkg:pypi/django-allauth@12.23"),
        Case(
            purl: PackageURL(
                type: "golang", namespace: "github.com/gorilla", name: "context", version: "234fd47e07d1004f0aed9c"),
            expected: "pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c"),
        Case(
            purl: PackageURL(type: "gem", name: "ruby-advisory-db-check", version: "0.12.4"),
            expected: "pkg:gem/ruby-advisory-db-check@0.12.4"),
        Case(
            purl: PackageURL(
                type: "rpm", namespace: "fedora", name: "curl", version: "7.50.3-1.fc25",
                qualifiers: ["arch": "i386", "distro": "fedora-25"]),
            expected: "pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25"),
        Case(
            purl: PackageURL(type: "nuget", name: "EnterpriseLibrary.Common", version: "6.0.1304"),
            expected: "pkg:nuget/EnterpriseLibrary.Common@6.0.1304"),
        Case(
            purl: PackageURL(type: "cargo", name: "rand", version: "0.7.2"),
            expected: "pkg:cargo/rand@0.7.2"),
        Case(
            purl: PackageURL(type: "composer", namespace: "laravel", name: "laravel", version: "5.5.0"),
            expected: "pkg:composer/laravel/laravel@5.5.0"),
        Case(
            purl: PackageURL(
                type: "apk", namespace: "alpine", name: "curl", version: "7.83.0-r0", qualifiers: ["arch": "x86"]),
            expected: "pkg:apk/alpine/curl@7.83.0-r0?arch=x86"),
    ]

    @Test(arguments: specCases) func specExamplesEncodeCanonically(_ testCase: Case) {
        #expect(testCase.purl.description == testCase.expected)
    }

    @Test func typeIsLowerCased() {
        #expect(PackageURL(type: "NPM", name: "left-pad").description == "pkg:npm/left-pad")
    }

    @Test func pypiNamesAreLowerCasedAndUnderscoresBecomeDashes() {
        let purl = PackageURL(type: "pypi", name: "Django_Allauth", version: "12.23")
        #expect(purl.description == "pkg:pypi/django-allauth@12.23")
        #expect(purl.name == "django-allauth")
    }

    @Test func caseSensitiveTypesKeepCase() {
        #expect(
            PackageURL(type: "maven", namespace: "org.Foo", name: "Bar", version: "1").description
                == "pkg:maven/org.Foo/Bar@1")
        #expect(
            PackageURL(type: "golang", namespace: "github.com/Sirupsen", name: "logrus").description
                == "pkg:golang/github.com/Sirupsen/logrus")
    }

    @Test func debAndNpmNamesAreLowerCased() {
        #expect(PackageURL(type: "deb", namespace: "Debian", name: "LibFoo").description == "pkg:deb/debian/libfoo")
        #expect(PackageURL(type: "npm", namespace: "@Babel", name: "Core").description == "pkg:npm/%40babel/core")
    }

    @Test func rpmLowerCasesOnlyTheNamespace() {
        #expect(
            PackageURL(type: "rpm", namespace: "RedHat", name: "NetworkManager", version: "1.0").description
                == "pkg:rpm/redhat/NetworkManager@1.0")
    }

    @Test func golangModulePathIsSplitIntoNamespaceAndName() {
        let purl = PackageURL(type: "golang", name: "github.com/gorilla/context", version: "v1.1.1")
        #expect(purl.namespace == "github.com/gorilla")
        #expect(purl.name == "context")
        #expect(purl.description == "pkg:golang/github.com/gorilla/context@v1.1.1")
    }

    @Test func golangModuleWithoutSlashStaysName() {
        #expect(PackageURL(type: "golang", name: "stdlib", version: "1.22.0").description == "pkg:golang/stdlib@1.22.0")
    }

    @Test func qualifiersAreSortedWithLowerCaseKeysAndEmptyValuesDropped() {
        let purl = PackageURL(
            type: "deb", namespace: "debian", name: "libc6", version: "2.36-9",
            qualifiers: ["distro": "debian-12", "Arch": "amd64", "empty": ""])
        #expect(purl.description == "pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12")
    }

    @Test func reservedCharactersArePercentEncoded() {
        let purl = PackageURL(
            type: "deb", namespace: "debian", name: "libstdc++6", version: "1:12.2.0-14+deb12u1",
            qualifiers: ["repository_url": "https://x.org/a b"])
        #expect(
            purl.description
                == "pkg:deb/debian/libstdc%2B%2B6@1:12.2.0-14%2Bdeb12u1?repository_url=https:%2F%2Fx.org%2Fa%20b")
    }

    @Test func nonASCIIIsUTF8PercentEncoded() {
        #expect(PackageURL(type: "generic", name: "café").description == "pkg:generic/caf%C3%A9")
    }

    @Test func namespaceSegmentsAreEncodedSeparatelyAndEmptySegmentsDropped() {
        let purl = PackageURL(type: "generic", namespace: "/a b//c/", name: "n")
        #expect(purl.description == "pkg:generic/a%20b/c/n")
    }

    @Test func emptyNamespaceAndVersionAreOmitted() {
        #expect(PackageURL(type: "cargo", namespace: "", name: "rand", version: "").description == "pkg:cargo/rand")
    }

    @Test func subpathDropsDotSegments() {
        let purl = PackageURL(
            type: "golang", namespace: "google.golang.org", name: "genproto", version: "abcdedf",
            subpath: "/googleapis/./api/../annotations/")
        #expect(purl.description == "pkg:golang/google.golang.org/genproto@abcdedf#googleapis/api/annotations")
    }

    @Test func equalInputsGiveEqualValues() {
        let first = PackageURL(type: "PyPI", name: "A_B", version: "1")
        let second = PackageURL(type: "pypi", name: "a-b", version: "1")
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
    }
}
