import ArgumentParser
import PalisadeCore
import PalisadeGraph
import PalisadeImage
import PalisadeKube
import PalisadeRegistry
import PalisadeReport
import PalisadeSeccomp
import PalisadeSecrets

/// `palisade rules`: the rule catalog, straight from the code.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, explain and document the rules Palisade checks.",
        subcommands: [List.self, Explain.self, Docs.self],
        defaultSubcommand: List.self)

    /// Every rule of every analyzer.
    static var catalog: RuleCatalog {
        RuleCatalog(
            KubeRuleSet.builtIn.allMetadata + DockerfileRules.all + ImageHygieneRules.all + SecretRules.all
                + RegistryRules.all + SeccompRules.all + NetworkFindingRules.all + RBACEscalations.rules
                + AttackPathFindings.rules)
    }

    enum ListFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every rule: id, severity, category, title.")

        @Option(help: "table or json (full metadata).")
        var format: ListFormat = .table

        func run() throws {
            let rules = RulesCommand.catalog.rules
            switch format {
            case .table: StandardStreams.output(RuleListing.table(rules))
            case .json: StandardStreams.output(try RuleListing.json(rules))
            }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show everything about one rule: why it matters, how to fix it, frameworks, references.")

        @Argument(help: ArgumentHelp("Rule id, e.g. K8S-PSS-PRIVILEGED.", valueName: "ID"))
        var id: String

        func run() throws {
            let catalog = RulesCommand.catalog
            guard let rule = catalog[id] else {
                var line = "palisade: error: unknown rule '\(id)'"
                if let guess = Suggestions.closest(to: id, in: catalog.rules.map(\.id)) {
                    line += "; did you mean '\(guess)'?"
                }
                StandardStreams.error(line)
                StandardStreams.error("hint: run 'palisade rules list' to see every rule")
                throw ExitCode(2)
            }
            StandardStreams.output(RuleListing.explain(rule))
        }
    }

    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the Markdown rule reference (swift run palisade rules docs > docs/rules.md).")

        func run() {
            StandardStreams.output(RuleDocsRenderer().render(RulesCommand.catalog.rules))
        }
    }
}
