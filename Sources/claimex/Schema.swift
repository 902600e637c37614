import ArgumentParser
import ClaimexOutput

/// `claimex schema`: the JSON Schema of the records, and the columns of the CSV and SQLite tables.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema of every record kind claimex writes.",
        discussion: """
        The schema (JSON Schema draft 2020-12) has one definition per record kind (article, \
        entity, money, investment, error) and accepts any record of `claimex extract`. \
        With --columns, prints instead the columns of each kind's CSV file and SQLite table.

        Examples:
          claimex schema > claimex.schema.json
          claimex schema --columns
        """)

    @Flag(help: "List each record kind's table columns (CSV and SQLite) with their types.")
    var columns = false

    func run() throws {
        if columns {
            for kind in RecordSchema.kinds {
                print("\(kind.name) (key: \(kind.key))")
                for column in kind.columns {
                    print("  \(column.name) \(column.type.rawValue)")
                }
            }
        } else {
            print(RecordSchema.jsonSchema().prettyPrinted())
        }
    }
}
