import ArgumentParser
import Claimex
import ClaimexRules

/// `--rules DIR`, shared by every command that applies rules.
struct RulesOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Use the rule files under DIR instead of the embedded default rules.", valueName: "DIR"))
    var rules: String?

    /// The compiled rules; on any error in them, prints every error and exits 2.
    func load() throws -> RuleSet {
        do {
            return try RuleLibrary.load(directory: rules)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
    }
}
