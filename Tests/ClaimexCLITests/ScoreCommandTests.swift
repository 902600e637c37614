import Foundation
import Testing

/// `claimex score` must give the figures of the project's shared scorer on the Corpus.
@Suite struct ScoreCommandTests {
    static let sharedScorer = BaselineTests.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/tools/score.py")

    /// `name  value` lines of a score listing, by name.
    static func figures(_ listing: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in listing.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
        }
        return result
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedScorer.path)))
    func figuresAgreeWithTheSharedScorer() throws {
        let folder = try PageFolder()
        let extract = try CLIRunner.run(["extract", "Corpus", "-o", folder.path("claims.jsonl"), "--quiet"], in: BaselineTests.packageRoot)
        #expect(extract.status == 0)
        let ours = try CLIRunner.run(["score", "Corpus", "--pred", folder.path("claims.jsonl")], in: BaselineTests.packageRoot)
        #expect(ours.status == 0)

        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", Self.sharedScorer.path, "Corpus", "--pred", folder.path("claims.jsonl")]
        python.currentDirectoryURL = BaselineTests.packageRoot
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let theirs = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()

        let reference = Self.figures(theirs)
        var compared = 0
        for line in ours.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if parts.count == 2, let value = reference[parts[0]] {
                #expect(value == parts[1], "\(parts[0])")
                compared += 1
            } else if parts.count >= 7, ["entity", "money", "investment"].contains(parts[0]) {
                #expect(reference["\(parts[0]).p"] == parts[2], "\(parts[0]).p")
                #expect(reference["\(parts[0]).r"] == parts[4], "\(parts[0]).r")
                #expect(reference["\(parts[0]).f1"] == parts[6], "\(parts[0]).f1")
                compared += 3
            }
        }
        #expect(compared >= 20)
    }

    @Test func requirementsNotMetExitOne() throws {
        let result = try CLIRunner.run(["score", "Corpus/formats/01-cp1252-lumora-series-b.gold.json", "--require", "money.f1>=1.01"],
                                       in: BaselineTests.packageRoot)
        #expect(result.status == 1)
        #expect(result.stdout.contains("SHORT: money.f1 = "))
    }

    /// The Corpus scored against its gold: money and entities at their targets (F1 0.97 and
    /// 0.93), investments at a floor under the 0.90 target that the figure has not reached
    /// yet (raise it as it climbs), and no listed non-investment made an edge.
    @Test func corpusMeetsItsTargetsAndFloors() throws {
        let result = try CLIRunner.run(["score", "Corpus", "--require", "money.f1>=0.97", "--require", "entity.f1>=0.93",
                                        "--require", "investment.f1>=0.96", "--require", "investment.decoys<=0"],
                                       in: BaselineTests.packageRoot)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(!result.stdout.contains("SHORT:"))
    }
}
