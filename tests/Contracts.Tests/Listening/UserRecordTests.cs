using System.Text.Json;
using Botify.Contracts.AbTesting;
using Botify.Contracts.Catalog;
using Botify.Contracts.Listening;
using Botify.TestSupport;

namespace Botify.Contracts.Tests.Listening;

public sealed class UserRecordTests
{
    /// <summary>
    /// Format-1 records as the service stored them in Redis (HGET botify/state/user/N data) before the compact format; the last is the
    /// session record with the "experiments" array the live experiment view added to format 1 (main's UserState JSON: its tallies' own
    /// property names, after "applied"), one tally mid-session with unconfirmed versions and one empty.
    /// </summary>
    public static TheoryData<string> Format1Records() =>
        ["user-record-v1-full.json", "user-record-v1-session.json", "user-record-v1-new.json", "user-record-v1-experiments.json"];

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Listening", "Data", name));

    [Theory]
    [MemberData(nameof(Format1Records))]
    public void Format_1_records_the_service_stored_load_with_every_field(string name)
    {
        var json = Fixture(name);
        var state = UserRecord.Read(json);

        // An independent reading of the same JSON (no project type involved).
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(root.GetProperty("history").EnumerateArray().Select(e => e.GetInt32()), state.History);
        Assert.Equal(root.GetProperty("method").GetString(), state.Method);
        Assert.Equal(root.GetProperty("failCount").GetInt32(), state.FailCount);
        Assert.Equal(root.GetProperty("session").EnumerateArray()
                .Select(e => new SessionPlay(e.GetProperty("track").GetInt32(), e.GetProperty("time").GetDouble())),
            state.Session);
        Assert.Equal(root.GetProperty("applied").EnumerateArray()
                .Select(e => new AppliedRequest(RequestKey.Of(e.GetProperty("id").GetGuid()), e.GetProperty("recommendation").GetInt32())),
            state.Applied);
        var experiments = root.TryGetProperty("experiments", out var array) ? array.EnumerateArray().ToArray() : [];
        Assert.Equal(experiments.Length, state.Experiments.Count);
        for (var i = 0; i < experiments.Length; i++)
        {
            var e = experiments[i];
            var tally = e.GetProperty("tally");
            Assert.Equal(
                (e.GetProperty("experiment").GetString(), e.GetProperty("arm").GetString(), e.GetProperty("version").GetInt64(),
                    e.GetProperty("sent").GetInt64(),
                    tally.GetProperty("openTracks").GetInt32(), Bits(tally.GetProperty("openTime").GetDouble()),
                    Bits(tally.GetProperty("openLatencyMs").GetDouble()), tally.GetProperty("sessions").GetInt32(), tally.GetProperty("tracks").GetInt64(),
                    Bits(tally.GetProperty("time").GetDouble()), Bits(tally.GetProperty("latencyMs").GetDouble())),
                Fields(state.Experiments[i]));
        }

        // ... and it is written back in format 2 with nothing lost.
        var again = UserRecord.Read(UserRecord.Write(state));
        AssertSame(state, again);
    }

    [Fact]
    public void The_worked_example_of_the_README_is_the_record_written()
    {
        // README "Redis layout": history [10, 11], method lgcf, fail count 1, one applied request, no session, one closed session in
        // SESSION's arm T1 not yet confirmed (version 1, sent 0; 2 tracks, time 1.5, latency 4 ms).
        var state = new UserState { Method = "lgcf", FailCount = 1 };
        state.History.Add(10, 100);
        state.History.Add(11, 100);
        state.Applied.Add(new AppliedRequest(0x1122334455667788, 45), 16);
        state.Experiments.Add(new UserExperimentTally
        {
            Experiment = "SESSION",
            Arm = "T1",
            Version = 1,
            Tally = new UserArmTally { Sessions = 1, Tracks = 2, Time = 1.5, LatencyMs = 4 },
        });
        var readme = File.ReadAllText(Path.Combine(RepositoryFiles.RepositoryRoot(), "README.md"));
        var shown = readme[(readme.IndexOf("HGET botify/state/user/17 data", StringComparison.Ordinal) + 1)..];
        shown = shown[(shown.IndexOf('\n') + 1)..];
        shown = shown[..shown.IndexOf('\n')].Replace(" ", "", StringComparison.Ordinal);
        var expected = "0202046c676366" + "0204ba" + "018877665544332211062e" + "00" + "01" + "0753455353494f4e" + "025431" + "0200000204" + "0c"
            + "000000000000f83f" + "0000000000001040";
        Assert.Equal(expected, shown);
        Assert.Equal(expected, Convert.ToHexString(UserRecord.Write(state)).ToLowerInvariant());
    }

    [Fact]
    public void A_retry_of_a_request_applied_before_the_upgrade_is_answered_again_not_applied()
    {
        var json = Fixture("user-record-v1-full.json");
        var last = JsonDocument.Parse(json).RootElement.GetProperty("applied").EnumerateArray().Last();
        var state = UserRecord.Read(json);
        var history = state.History.ToArray();
        var catalog = new CatalogSnapshot("t", TrackCatalog.Build(Enumerable.Range(0, 60_000).Select(t => new TrackEntry(t, $"a{t % 50}", $"t{t}"))), [],
            new Dictionary<string, RecommendationTable>());
        var rules = new ListenerStateRules(100, 100, 16, "lgcf");

        var outcome = rules.Next(state, new ListenerPlay(1, 7, 0.5, last.GetProperty("id").GetGuid()), new FixedRecommender(), catalog, new Random(1),
            out var answer);

        Assert.Equal(PlayOutcome.Duplicate, outcome);
        Assert.Equal(last.GetProperty("recommendation").GetInt32(), answer);
        Assert.Equal(history, state.History);
    }

    [Fact]
    public void Format_2_writes_the_documented_layout()
    {
        var state = new UserState
        {
            FailCount = 1,
            Method = "lfm",
            History = new RecentWindow<int>([5, 3]),
            Applied = new RecentWindow<AppliedRequest>([new AppliedRequest(1, -1)]),
            Session = new RecentWindow<SessionPlay>([new SessionPlay(300, 0.5)]),
        };
        byte[] expected =
        [
            2, // format
            2, // fail count 1, zigzag
            3, (byte)'l', (byte)'f', (byte)'m',
            2, 3, 0b011_101, // 2 tracks packed 3 bits each (the largest, 5, takes 3): 5 in bits 0-2, 3 in bits 3-5
            1, 1, 0, 0, 0, 0, 0, 0, 0, // 1 applied request: key 1 (8 bytes little-endian)
            1, 0, // its recommendation −1 packed as 0 (−1 + 1) in 1 bit
            1, 0xD8, 0x04, 0, 0, 0, 0, 0, 0, 0xE0, 0x3F, // 1 session play: 300 (zigzag 600 = 0xD8 0x04), time 0.5
            0, // no experiment tallies
        ];
        Assert.Equal(expected, UserRecord.Write(state));
        AssertSame(state, UserRecord.Read(expected));
    }

    [Fact]
    public void Format_2_writes_an_experiment_tally_as_documented_leaving_out_zero_sums()
    {
        var state = new UserState { Method = "lgcf" };
        state.Experiments.Add(new UserExperimentTally
        {
            Experiment = "SESSION",
            Arm = "T1",
            Version = 3,
            Sent = 2,
            Tally = new UserArmTally { OpenTracks = 0, Sessions = 3, Tracks = 20, Time = 0.5, LatencyMs = 2 },
        });
        byte[] expected =
        [
            2, 0, 4, (byte)'l', (byte)'g', (byte)'c', (byte)'f', 0, 0, 0, // format, fail count 0, method, no history, applied, session
            1, // 1 experiment tally
            7, (byte)'S', (byte)'E', (byte)'S', (byte)'S', (byte)'I', (byte)'O', (byte)'N', 2, (byte)'T', (byte)'1',
            6, 4, // version 3, sent 2 (zigzag)
            0, 6, 40, // open tracks 0, sessions 3, tracks 20 (zigzag)
            0b1100, // open time and open latency are 0 (left out); time and latency follow
            0, 0, 0, 0, 0, 0, 0xE0, 0x3F, // time 0.5
            0, 0, 0, 0, 0, 0, 0, 0x40, // latency 2.0
        ];
        Assert.Equal(expected, UserRecord.Write(state));
        AssertSame(state, UserRecord.Read(expected));
    }

    [Fact]
    public void Format_2_round_trips_every_experiment_field_exactly()
    {
        var random = new Random(17);
        double[] awkward = [0.0, -0.0, double.Epsilon, 1.0 / 3, -7.25, double.MaxValue, double.NaN, double.PositiveInfinity];
        double Sum() => random.Next(3) == 0 ? awkward[random.Next(awkward.Length)] : random.NextDouble() * random.Next(1, 100_000);
        for (var round = 0; round < 300; round++)
        {
            var state = new UserState { Method = "lfm" };
            for (var i = 0; i < 40; i++) state.History.Add(random.Next(50_000), 100);
            for (var e = random.Next(0, 5); e > 0; e--)
            {
                state.Experiments.Add(new UserExperimentTally
                {
                    Experiment = e % 2 == 0 ? "SESSION" : $"EXP-{random.Next(1000)}-é",
                    Arm = random.Next(3) switch { 0 => "C", 1 => "T1", _ => "" },
                    Version = random.Next(4) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(0, 1000),
                    Sent = random.Next(4) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(0, 1000),
                    Tally = new UserArmTally
                    {
                        OpenTracks = random.Next(4) == 0 ? random.Next(int.MinValue, int.MaxValue) : random.Next(0, 30),
                        OpenTime = Sum(),
                        OpenLatencyMs = Sum(),
                        Sessions = random.Next(4) == 0 ? int.MaxValue : random.Next(0, 500),
                        Tracks = random.Next(4) == 0 ? long.MinValue : random.NextInt64(0, 1L << 40),
                        Time = Sum(),
                        LatencyMs = Sum(),
                    },
                });
            }
            var again = UserRecord.Read(UserRecord.Write(state));
            AssertSame(state, again);
        }
    }

    [Fact]
    public void Experiment_names_read_back_are_shared_between_users()
    {
        static UserState With(string experiment, string arm)
        {
            var state = new UserState();
            state.Experiments.Add(new UserExperimentTally { Experiment = new string(experiment), Arm = new string(arm) });
            return state;
        }
        var a = UserRecord.Read(UserRecord.Write(With("SESSION", "T1")));
        var b = UserRecord.Read(UserRecord.Write(With("SESSION", "T1")));
        Assert.Same(a.Experiments[0].Experiment, b.Experiments[0].Experiment);
        Assert.Same(a.Experiments[0].Arm, b.Experiments[0].Arm);
    }

    [Fact]
    public void Format_2_round_trips_every_field_exactly()
    {
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            var state = new UserState { FailCount = random.Next(0, 20), Method = round % 3 == 0 ? "lgcf_m" : "lfm" };
            for (var i = random.Next(0, 120); i > 0; i--) state.History.Add(i % 7 == 0 ? int.MaxValue : random.Next(), 100);
            for (var i = random.Next(0, 20); i > 0; i--)
            {
                state.Applied.Add(new AppliedRequest(random.NextInt64(long.MinValue, long.MaxValue), random.Next(-1, 60_000)), 16);
            }
            for (var i = random.Next(0, 40); i > 0; i--)
            {
                state.Session.Add(new SessionPlay(random.Next(0, 60_000), i % 5 == 0 ? 1.0 / 3 : random.NextDouble()), 100);
            }
            AssertSame(state, UserRecord.Read(UserRecord.Write(state)));
        }
    }

    /// <summary>
    /// A full history in the default experiment mid-session (every sum of the tally present), tracks of a 50,000-track catalog: at most
    /// 442 bytes, so with Redis's string header (6 bytes) the value stays in the allocator's 448-byte class (README "Redis layout").
    /// </summary>
    [Fact]
    public void A_full_history_record_in_the_default_experiment_takes_at_most_442_bytes()
    {
        var random = new Random(5);
        for (var user = 0; user < 200; user++)
        {
            var state = new UserState { Method = "lgcf_m", FailCount = 3 };
            for (var i = 0; i < 100; i++) state.History.Add(i == 50 ? 49_999 : random.Next(50_000), 100);
            for (var i = 0; i < 16; i++) state.Applied.Add(new AppliedRequest(RequestKey.Of(Guid.NewGuid()), i == 5 ? 49_999 : random.Next(-1, 50_000)), 16);
            var without = UserRecord.Write(state).Length;
            state.Experiments.Add(new UserExperimentTally
            {
                Experiment = "SESSION",
                Arm = "T1",
                Version = 900,
                Sent = 899,
                Tally = new UserArmTally
                {
                    OpenTracks = 14,
                    OpenTime = random.NextDouble() * 10,
                    OpenLatencyMs = random.NextDouble() * 50,
                    Sessions = 900,
                    Tracks = 9_600,
                    Time = random.NextDouble() * 5_000,
                    LatencyMs = random.NextDouble() * 90_000,
                },
            });
            var written = UserRecord.Write(state).Length;
            Assert.Equal(1 + 1 + 7 + (1 + 1 + 200) + (1 + 16 * 8 + 1 + 32) + 1 + 1, without); // 16 bits a track and a recommendation
            Assert.Equal(8 + 3 + 2 + 2 + 1 + 2 + 3 + 1 + 4 * 8, written - without); // names, five varints, the flags and four 8-byte sums
            Assert.InRange(written, 300, 442);
        }
    }

    [Fact]
    public void Every_truncation_and_foreign_value_is_refused_with_a_message_naming_the_fix()
    {
        var state = new UserState { Method = "lgcf", History = new RecentWindow<int>([1, 2, 3]), Applied = new RecentWindow<AppliedRequest>([new(9, 4)]) };
        state.Experiments.Add(new UserExperimentTally
        {
            Experiment = "SESSION",
            Arm = "C",
            Version = 1,
            Tally = new UserArmTally { Sessions = 1, Time = 0.25 },
        });
        var record = UserRecord.Write(state);
        for (var length = 0; length < record.Length; length++)
        {
            var error = Assert.Throws<FormatException>(() => UserRecord.Read(record.AsSpan(0, length)));
            Assert.Contains("delete the key", error.Message);
        }
        Assert.Contains("bytes after", Assert.Throws<FormatException>(() => UserRecord.Read([.. record, 0])).Message);
        var flags = (byte[])record.Clone();
        Assert.Equal(0b0100, flags[^9]); // the tally's sum flags: only the time (0.25) follows
        flags[^9] = 0b1_0100;
        Assert.Contains("flags 0x14", Assert.Throws<FormatException>(() => UserRecord.Read(flags)).Message);
        var width = (byte[])record.Clone();
        Assert.Equal((3, 2), (width[7], width[8])); // 3 history tracks packed 2 bits each
        width[8] = 0;
        Assert.Contains("bit width of 0", Assert.Throws<FormatException>(() => UserRecord.Read(width)).Message);
        width[8] = 33;
        Assert.Contains("bit width of 33", Assert.Throws<FormatException>(() => UserRecord.Read(width)).Message);
        Assert.Contains("0x07", Assert.Throws<FormatException>(() => UserRecord.Read([7, .. record[1..]])).Message);
        Assert.Contains("null", Assert.Throws<FormatException>(() => UserRecord.Read("null"u8)).Message);
        Assert.Contains("JSON", Assert.Throws<FormatException>(() => UserRecord.Read("{\"history\":[1,"u8)).Message);
        Assert.Contains("claims", Assert.Throws<FormatException>(() => UserRecord.Read([2, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])).Message);
    }

    [Fact]
    public void Mutated_records_load_or_are_refused_never_anything_else()
    {
        var random = new Random(3);
        var state = new UserState { Method = "lgcf" };
        for (var i = 0; i < 100; i++) state.History.Add(random.Next(50_000), 100);
        for (var i = 0; i < 16; i++) state.Applied.Add(new AppliedRequest(random.NextInt64(), random.Next(50_000)), 16);
        for (var i = 0; i < 10; i++) state.Session.Add(new SessionPlay(random.Next(50_000), random.NextDouble()), 100);
        state.Experiments.Add(new UserExperimentTally
        {
            Experiment = "SESSION",
            Arm = "T1",
            Version = 4,
            Sent = 3,
            Tally = new UserArmTally { OpenTracks = 2, OpenTime = 0.9, OpenLatencyMs = 1.5, Sessions = 4, Tracks = 30, Time = 12.5, LatencyMs = 40.25 },
        });
        var record = UserRecord.Write(state);
        int loaded = 0, refused = 0;
        for (var round = 0; round < 20_000; round++)
        {
            var mutated = (byte[])record.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--) mutated[random.Next(1, mutated.Length)] = (byte)random.Next(256);
            try
            {
                UserRecord.Read(mutated);
                loaded++;
            }
            catch (FormatException)
            {
                refused++;
            }
        }
        Assert.Equal(20_000, loaded + refused);
        Assert.True(refused > 0 && loaded > 0, $"{loaded} loaded, {refused} refused");
    }

    private static void AssertSame(UserState expected, UserState actual)
    {
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.Method, actual.Method);
        Assert.Equal(expected.FailCount, actual.FailCount);
        Assert.Equal(expected.Session, actual.Session);
        Assert.Equal(expected.Applied, actual.Applied);
        Assert.Equal(expected.Experiments.Select(Fields), actual.Experiments.Select(Fields));
    }

    // Every stored field of a tally; doubles as their 64 bits so NaN, −0.0 and the last bit of a sum must all come back exactly.
    private static (string, string, long, long, int, long, long, int, long, long, long) Fields(UserExperimentTally t) =>
        (t.Experiment, t.Arm, t.Version, t.Sent, t.Tally.OpenTracks, Bits(t.Tally.OpenTime), Bits(t.Tally.OpenLatencyMs), t.Tally.Sessions, t.Tally.Tracks,
            Bits(t.Tally.Time), Bits(t.Tally.LatencyMs));

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    private sealed class FixedRecommender : IRecommender
    {
        public string Name => "Fixed";

        public int Recommend(in RecommendationContext context) => 1;
    }
}
