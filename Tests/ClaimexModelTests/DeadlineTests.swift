import ClaimexModel
import Testing

@Suite struct DeadlineTests {
    @Test func noDeadlineNeverPasses() throws {
        try Deadline.none.check("anything")
        #expect(!Deadline.none.hasPassed)
        #expect(Deadline.none.budget == nil)
    }

    @Test func aSpentBudgetThrowsWithWhereItStopped() {
        let deadline = Deadline(seconds: 0)
        #expect(deadline.hasPassed)
        #expect(throws: PageAbandoned.overTime(budget: 0, activity: "matching rules")) {
            try deadline.check("matching rules")
        }
        #expect(PageAbandoned.overTime(budget: 2.5, activity: "matching rules").description
            == "the page took longer than the 2.5-second limit (stopped while matching rules); raise it with --page-timeout if the page is a real article")
        #expect(PageAbandoned.overTime(budget: 60, activity: "x").description.hasPrefix("the page took longer than the 60-second limit"))
    }

    @Test func aStopRequestPassesEveryDeadlineThatWatchesIt() throws {
        let stop = StopRequest()
        let deadline = Deadline(seconds: 3600, stop: stop)
        try deadline.check("before")
        stop.request()
        #expect(stop.isRequested)
        #expect(throws: PageAbandoned.stopped) { try deadline.check("after") }
        // A deadline that does not watch this request is not stopped by it.
        try Deadline(seconds: 3600).check("unrelated")
    }
}
