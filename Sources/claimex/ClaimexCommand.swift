import ArgumentParser
import Foundation

/// The `claimex` command: subcommands over the Claimex library.
@main
struct ClaimexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claimex",
        abstract: "Turn HTML news articles into normalized claims: entities, money amounts and investments.",
        discussion: """
        Start with `claimex extract FOLDER > claims.jsonl`. Records are JSON Lines on standard \
        output; diagnostics go to standard error. Exit status: 0 when every input was processed \
        (failed pages are `error` records), 2 for usage errors.
        """,
        subcommands: [Extract.self, TestCommand.self, RulesCommand.self, Explain.self, Score.self, Report.self, Schema.self]
    )

    /// Runs the command, mapping usage errors to exit status 2 as the output contract says
    /// (swift-argument-parser itself uses 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == ExitCode.validationFailure.rawValue {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
