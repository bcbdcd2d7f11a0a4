import Testing

@testable import PalisadeSBOM

@Suite("Language: Ruby gems")
struct LanguageGemTests {
    let cataloger = GemspecCataloger()

    @Test func wants() {
        #expect(
            cataloger.wants(
                path: "/usr/local/bundle/specifications/rake-13.0.6.gemspec", size: 2_000, isExecutable: false))
        #expect(
            cataloger.wants(
                path: "/var/lib/gems/3.1.0/specifications/default/json-2.6.1.gemspec", size: 2_000, isExecutable: false)
                == false)
        #expect(!cataloger.wants(path: "/app/rake.gemspec", size: 2_000, isExecutable: false))
        #expect(
            !cataloger.wants(path: "/usr/local/bundle/gems/rake-13.0.6/rake.gemspec", size: 2_000, isExecutable: false))
        #expect(!cataloger.wants(path: "/x/specifications/rake.gemspec.bak", size: 2_000, isExecutable: false))
    }

    @Test func readsGeneratedGemspec() throws {
        let text = """
            # -*- encoding: utf-8 -*-
            # stub: rake 13.0.6 ruby lib

            Gem::Specification.new do |s|
              s.name = "rake".freeze
              s.version = "13.0.6"

              s.required_rubygems_version = Gem::Requirement.new(">= 1.3.2".freeze) if s.respond_to? :required_rubygems_version=
              s.metadata = { "bug_tracker_uri" => "https://github.com/ruby/rake/issues" } if s.respond_to? :metadata=
              s.require_paths = ["lib".freeze]
              s.authors = ["Hiroshi SHIBATA".freeze, "Eric Hodel".freeze]
              s.licenses = ["MIT".freeze]
              s.summary = "Rake is a Make-like program implemented in Ruby".freeze
            end
            """
        let path = "/usr/local/bundle/specifications/rake-13.0.6.gemspec"
        let package = try #require(try catalog(cataloger, path: path, text).first)
        #expect(package.name == "rake")
        #expect(package.version == "13.0.6")
        #expect(package.purl == "pkg:gem/rake@13.0.6")
        #expect(package.licenses == ["MIT"])
    }

    @Test func readsHandWrittenStyle() throws {
        let text = """
            Gem::Specification.new do |spec|
              spec.name          = 'nokogiri'
              spec.version       = Gem::Version.new("1.15.4")
              spec.license       = "MIT" # see LICENSE.md
              spec.add_dependency "racc", "~> 1.4"
            end
            """
        let package = try #require(
            try catalog(cataloger, path: "/g/specifications/nokogiri-1.15.4.gemspec", text).first)
        #expect(package.purl == "pkg:gem/nokogiri@1.15.4")
        #expect(package.licenses == ["MIT"])
    }

    @Test func stubLineIsTheFallback() throws {
        let text = "# stub: puma 6.4.0 ruby lib\nGem::Specification.new do |s|\nend\n"
        #expect(
            try catalog(cataloger, path: "/g/specifications/puma-6.4.0.gemspec", text).first?.purl
                == "pkg:gem/puma@6.4.0")
    }

    @Test(arguments: ["", "s.name = \"x\"\n", "name == 'x'\nversion == '1'", "\u{0}\u{FF}"])
    func incompleteGemspecIsAnError(text: String) {
        #expect(throws: CatalogError.self) { try catalog(cataloger, path: "/g/specifications/x.gemspec", text) }
    }
}
