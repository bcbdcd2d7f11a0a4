import Testing

@testable import PalisadeSBOM

@Suite("Language: .NET")
struct LanguageDotnetTests {
    let cataloger = DotnetDepsCataloger()

    @Test func wants() {
        #expect(cataloger.wants(path: "/app/Shop.Api.deps.json", size: 50_000, isExecutable: false))
        #expect(!cataloger.wants(path: "/app/Shop.Api.runtimeconfig.json", size: 50_000, isExecutable: false))
        #expect(!cataloger.wants(path: "/app/deps.json.bak", size: 50_000, isExecutable: false))
    }

    @Test func readsPackageLibraries() throws {
        let text = """
            {
              "runtimeTarget": {"name": ".NETCoreApp,Version=v8.0", "signature": ""},
              "compilationOptions": {},
              "targets": {
                ".NETCoreApp,Version=v8.0": {
                  "Shop.Api/1.0.0": {"dependencies": {"Newtonsoft.Json": "13.0.3"}, "runtime": {"Shop.Api.dll": {}}},
                  "Newtonsoft.Json/13.0.3": {"runtime": {"lib/net6.0/Newtonsoft.Json.dll": {}}}
                }
              },
              "libraries": {
                "Shop.Api/1.0.0": {"type": "project", "serviceable": false, "sha512": ""},
                "Newtonsoft.Json/13.0.3": {"type": "package", "serviceable": true,
                  "sha512": "sha512-HrC5BXdl00IP9zeV+0Z848QWPAoCr9P3bDEZguI+gkLcBKAOxix/tLEAAHC+UvDNPv4a2d18lOReHMOagPa+zQ==",
                  "path": "newtonsoft.json/13.0.3", "hashPath": "newtonsoft.json.13.0.3.nupkg.sha512"},
                "Microsoft.Extensions.Logging/8.0.0": {"type": "package", "serviceable": true}
              }
            }
            """
        let packages = try catalog(cataloger, path: "/app/Shop.Api.deps.json", text)
        #expect(
            packages.map(\.purl) == [
                "pkg:nuget/Microsoft.Extensions.Logging@8.0.0", "pkg:nuget/Newtonsoft.Json@13.0.3",
            ])
    }

    @Test(arguments: ["{}", "[]", "{\"libraries\": 3}", "{"])
    func malformedIsAnError(text: String) {
        #expect(throws: CatalogError.self) { try catalog(cataloger, path: "/app/a.deps.json", text) }
    }
}
