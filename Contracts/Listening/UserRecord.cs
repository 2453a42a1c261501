using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Botify.Contracts.AbTesting;

namespace Botify.Contracts.Listening;

/// <summary>
/// The stored user record (the `data` field of the user's Redis hash). Format 2, written by this version, is a small binary
/// layout (README "Redis layout" shows how to read one by hand): byte 0 = 2 (the format); zigzag varint fail count; varint length
/// + UTF-8 method; varint n + (when n &gt; 0) the n history tracks, oldest first, packed: one byte w (1..32, the bits of the largest
/// value), then the values w bits each in a little-endian bit stream (value i in bits i·w .. i·w + w − 1, bit 0 the low bit of the
/// first byte; the last byte's unused high bits 0); varint m + m applied requests' 8-byte little-endian request keys + (when m &gt; 0)
/// their recommendations + 1 packed the same way (0 = none); varint k + k session plays,
/// each a zigzag varint track delta (the first from 0) then the time as an 8-byte little-endian double; varint e + e experiment
/// tallies, each: varint length + UTF-8 experiment, varint length + UTF-8 arm, zigzag varint version, zigzag varint sent, zigzag
/// varint open tracks, zigzag varint sessions, zigzag varint tracks, one byte saying which of the four sums follow (bit 0 open
/// time, 1 open latency, 2 time, 3 latency; a sum whose 64 bits are all zero is left out), then those sums as 8-byte little-endian
/// doubles in that order. Varints are LEB128 (7 bits a byte, low first). At a full history (100 tracks below 65,536, 16 request
/// keys, one experiment) it is about 425 bytes instead of format 1's 2,000 of JSON. Format 1, the JSON written before
/// (<see cref="UserRecordV1"/>, first byte '{'), still loads.
/// </summary>
public static class UserRecord
{
    public const byte Format = 2;

    private const int MaxVarint = 10;
    private const int StackLimit = 2048;

    private static readonly MethodNames Methods = new();
    private static readonly MethodNames ExperimentNames = new();
    private static readonly MethodNames ArmNames = new();

    /// <summary>The record of <paramref name="state"/> in format 2 (one allocation: the returned array).</summary>
    public static byte[] Write(UserState state)
    {
        var history = state.History.AsSpan();
        var applied = state.Applied.AsSpan();
        var session = state.Session.AsSpan();
        var experiments = state.Experiments;
        var bound = 1 + 3 * MaxVarint + Encoding.UTF8.GetMaxByteCount(state.Method.Length) + MaxVarint
            + history.Length * MaxVarint + MaxVarint + applied.Length * (8 + MaxVarint) + MaxVarint + session.Length * (MaxVarint + 8)
            + MaxVarint;
        foreach (var tally in experiments)
        {
            bound += 2 * MaxVarint + Encoding.UTF8.GetMaxByteCount(tally.Experiment.Length) + Encoding.UTF8.GetMaxByteCount(tally.Arm.Length)
                + 5 * MaxVarint + 1 + 4 * 8;
        }
        byte[]? rented = null;
        var buffer = bound <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(bound));
        try
        {
            var at = 0;
            buffer[at++] = Format;
            at += WriteVarint(buffer[at..], (ulong)ZigZag(state.FailCount));
            at += WriteVarint(buffer[at..], (ulong)Encoding.UTF8.GetByteCount(state.Method));
            at += Encoding.UTF8.GetBytes(state.Method, buffer[at..]);

            at += WriteVarint(buffer[at..], (ulong)history.Length);
            if (history.Length > 0)
            {
                uint largest = 0;
                foreach (var track in history) largest = Math.Max(largest, (uint)track);
                var bits = new BitWriter(buffer[at..], Width(largest));
                foreach (var track in history) bits.Put((uint)track);
                at += bits.Finish();
            }

            at += WriteVarint(buffer[at..], (ulong)applied.Length);
            if (applied.Length > 0)
            {
                uint largest = 0;
                foreach (var request in applied)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(buffer[at..], request.Id);
                    at += 8;
                    largest = Math.Max(largest, Packed(request.Recommendation));
                }
                var bits = new BitWriter(buffer[at..], Width(largest));
                foreach (var request in applied) bits.Put(Packed(request.Recommendation));
                at += bits.Finish();
            }

            at += WriteVarint(buffer[at..], (ulong)session.Length);
            long previous = 0;
            foreach (var play in session)
            {
                at += WriteVarint(buffer[at..], ZigZag(play.Track - previous));
                previous = play.Track;
                BinaryPrimitives.WriteDoubleLittleEndian(buffer[at..], play.Time);
                at += 8;
            }

            at += WriteVarint(buffer[at..], (ulong)experiments.Count);
            foreach (var tally in experiments) at += WriteTally(buffer[at..], tally);
            return buffer[..at].ToArray();
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// A stored record of format 2, or of format 1 (JSON); a <see cref="FormatException"/> naming the problem and the fix for anything
    /// else (a truncated or foreign value, a format this version does not know).
    /// </summary>
    public static UserState Read(ReadOnlySpan<byte> record)
    {
        if (record.IsEmpty) throw Problem("is empty");
        return record[0] switch
        {
            Format => ReadFormat2(record),
            (byte)'{' or (byte)'n' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' => ReadFormat1(record), // 'n': JSON null
            _ => throw Problem($"starts with byte 0x{record[0]:x2}, which is no format this version reads (1 = JSON '{{', 2 = compact); "
                + "it was written by a newer version or by something else"),
        };
    }

    private static UserState ReadFormat2(ReadOnlySpan<byte> record)
    {
        var reader = new Reader(record[1..]);
        var failCount = (int)UnZigZag(reader.Varint("the fail count"));
        var methodLength = reader.Length("the method");
        var method = Methods.Get(reader.Bytes(methodLength, "the method"));

        var history = new int[reader.PackedCount("the history")];
        if (history.Length > 0)
        {
            var bits = reader.Packed(history.Length, "the history tracks");
            for (var i = 0; i < history.Length; i++)
            {
                var track = bits.Take();
                if (track > int.MaxValue) throw Problem($"holds track {track}, outside 0..{int.MaxValue}");
                history[i] = (int)track;
            }
        }

        var applied = new AppliedRequest[reader.Length("the applied requests")];
        if (applied.Length > 0)
        {
            var keys = reader.Bytes(applied.Length * 8, "the request keys");
            var bits = reader.Packed(applied.Length, "the recommendations");
            for (var i = 0; i < applied.Length; i++)
            {
                applied[i] = new AppliedRequest(BinaryPrimitives.ReadInt64LittleEndian(keys[(i * 8)..]), Unpacked(bits.Take()));
            }
        }

        var session = new SessionPlay[reader.Length("the session")];
        long previous = 0;
        for (var i = 0; i < session.Length; i++)
        {
            var track = Track(ref previous, UnZigZag(reader.Varint("a session track")));
            session[i] = new SessionPlay(track, BinaryPrimitives.ReadDoubleLittleEndian(reader.Bytes(8, "a session time")));
        }

        var experiments = new List<UserExperimentTally>(reader.Length("the experiment tallies"));
        for (var i = experiments.Capacity; i > 0; i--) experiments.Add(ReadTally(ref reader));
        if (!reader.AtEnd) throw Problem($"has {reader.Remaining} bytes after its experiment tallies; it is not a format-2 record of this version");
        return new UserState
        {
            FailCount = failCount,
            Method = method,
            History = new RecentWindow<int>(history),
            Applied = new RecentWindow<AppliedRequest>(applied),
            Session = new RecentWindow<SessionPlay>(session),
            Experiments = experiments,
        };
    }

    private static UserState ReadFormat1(ReadOnlySpan<byte> record)
    {
        UserRecordV1? v1;
        try
        {
            v1 = JsonSerializer.Deserialize(record, UserRecordV1JsonContext.Default.UserRecordV1);
        }
        catch (JsonException e)
        {
            throw Problem($"is not valid format-1 JSON ({e.Message})");
        }
        if (v1 is null) throw Problem("is the JSON literal null");
        var applied = new AppliedRequest[v1.Applied.Count];
        for (var i = 0; i < applied.Length; i++) applied[i] = new AppliedRequest(RequestKey.Of(v1.Applied[i].Id), v1.Applied[i].Recommendation);
        return new UserState
        {
            FailCount = v1.FailCount,
            Method = Methods.Get(v1.Method),
            History = new RecentWindow<int>(v1.History.ToArray()),
            Applied = new RecentWindow<AppliedRequest>(applied),
            Session = new RecentWindow<SessionPlay>(v1.Session.ToArray()),
            Experiments = v1.Experiments.ConvertAll(Interned),
        };
    }

    // A tally read from JSON with its names shared (a million users in one experiment hold one string of its name, one per arm).
    private static UserExperimentTally Interned(UserExperimentTally tally)
    {
        tally.Experiment = ExperimentNames.Get(tally.Experiment);
        tally.Arm = ArmNames.Get(tally.Arm);
        return tally;
    }

    private static int WriteTally(Span<byte> into, UserExperimentTally tally)
    {
        var at = WriteText(into, tally.Experiment);
        at += WriteText(into[at..], tally.Arm);
        at += WriteVarint(into[at..], ZigZag(tally.Version));
        at += WriteVarint(into[at..], ZigZag(tally.Sent));
        var t = tally.Tally;
        at += WriteVarint(into[at..], ZigZag(t.OpenTracks));
        at += WriteVarint(into[at..], ZigZag(t.Sessions));
        at += WriteVarint(into[at..], ZigZag(t.Tracks));
        ReadOnlySpan<double> sums = [t.OpenTime, t.OpenLatencyMs, t.Time, t.LatencyMs];
        var present = at++;
        into[present] = 0;
        for (var i = 0; i < sums.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(sums[i]) == 0) continue;
            into[present] |= (byte)(1 << i);
            BinaryPrimitives.WriteDoubleLittleEndian(into[at..], sums[i]);
            at += 8;
        }
        return at;
    }

    private static UserExperimentTally ReadTally(ref Reader reader)
    {
        var experiment = ExperimentNames.Get(reader.Bytes(reader.Length("an experiment name"), "an experiment name"));
        var arm = ArmNames.Get(reader.Bytes(reader.Length("an arm name"), "an arm name"));
        var version = UnZigZag(reader.Varint("a tally version"));
        var sent = UnZigZag(reader.Varint("a tally's sent version"));
        var openTracks = Int(UnZigZag(reader.Varint("a tally's open tracks")), "open tracks");
        var sessions = Int(UnZigZag(reader.Varint("a tally's sessions")), "sessions");
        var tracks = UnZigZag(reader.Varint("a tally's tracks"));
        var present = reader.Bytes(1, "a tally's sums")[0];
        if (present > 0b1111) throw Problem($"has tally sum flags 0x{present:x2} (only the low four bits are used)");
        Span<double> sums = stackalloc double[4];
        for (var i = 0; i < sums.Length; i++)
        {
            sums[i] = (present & (1 << i)) == 0 ? 0 : BinaryPrimitives.ReadDoubleLittleEndian(reader.Bytes(8, "a tally sum"));
        }
        return new UserExperimentTally
        {
            Experiment = experiment,
            Arm = arm,
            Version = version,
            Sent = sent,
            Tally = new UserArmTally
            {
                OpenTracks = openTracks,
                OpenTime = sums[0],
                OpenLatencyMs = sums[1],
                Sessions = sessions,
                Tracks = tracks,
                Time = sums[2],
                LatencyMs = sums[3],
            },
        };
    }

    private static int Int(long value, string what) =>
        value is < int.MinValue or > int.MaxValue ? throw Problem($"holds {what} {value}, outside the 32-bit range") : (int)value;

    private static int WriteText(Span<byte> into, string text)
    {
        var at = WriteVarint(into, (ulong)Encoding.UTF8.GetByteCount(text));
        return at + Encoding.UTF8.GetBytes(text, into[at..]);
    }

    private static int Track(ref long previous, long delta)
    {
        var track = previous + delta;
        if (track is < 0 or > int.MaxValue) throw Problem($"holds track {track}, outside 0..{int.MaxValue}");
        previous = track;
        return (int)track;
    }

    private static FormatException Problem(string what) =>
        new($"stored user record {what}; delete the key (the user starts afresh) or restore it from a backup");

    // A recommendation as a packed value: −1 (none) → 0, 0 → 1, ...; the wrap-around makes it one-to-one over every int.
    private static uint Packed(int recommendation) => unchecked((uint)(recommendation + 1));

    private static int Unpacked(uint value) => unchecked((int)value - 1);

    // The bits of the largest packed value (at least 1, so n values always take at least n bits).
    private static int Width(uint largest) => Math.Max(1, 32 - BitOperations.LeadingZeroCount(largest));

    /// <summary>Values of one width into a little-endian bit stream, after the width byte.</summary>
    private ref struct BitWriter
    {
        private readonly Span<byte> into;
        private readonly int width;
        private int at;
        private ulong pending;
        private int count;

        public BitWriter(Span<byte> into, int width)
        {
            this.into = into;
            this.width = width;
            into[0] = (byte)width;
            at = 1;
        }

        public void Put(uint value)
        {
            pending |= (ulong)value << count;
            count += width;
            while (count >= 8)
            {
                into[at++] = (byte)pending;
                pending >>= 8;
                count -= 8;
            }
        }

        /// <summary>Writes the last partial byte; returns the bytes written (the width byte included).</summary>
        public int Finish()
        {
            if (count > 0) into[at++] = (byte)pending;
            return at;
        }
    }

    /// <summary>Reads values of one width back from a little-endian bit stream.</summary>
    private ref struct BitReader(ReadOnlySpan<byte> bytes, int width)
    {
        private readonly ReadOnlySpan<byte> bytes = bytes;
        private readonly int width = width;
        private int at;
        private ulong pending;
        private int count;

        public uint Take()
        {
            while (count < width)
            {
                pending |= (ulong)bytes[at++] << count;
                count += 8;
            }
            var value = (uint)(pending & ((1UL << width) - 1));
            pending >>= width;
            count -= width;
            return value;
        }
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static int WriteVarint(Span<byte> into, ulong value)
    {
        var at = 0;
        while (value >= 0x80)
        {
            into[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        into[at++] = (byte)value;
        return at;
    }

    /// <summary>Reads a format-2 record front to back; every read names what it was reading when the record ends early.</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> bytes = bytes;
        private int at;

        public readonly bool AtEnd => at == bytes.Length;

        public readonly int Remaining => bytes.Length - at;

        public ulong Varint(string what)
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (at >= bytes.Length) throw Problem($"ends inside {what}");
                var b = bytes[at++];
                value |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80) return value;
            }
            throw Problem($"has an over-long varint in {what}");
        }

        /// <summary>A count or byte length, no larger than what is left of the record (so a corrupt count cannot allocate much).</summary>
        public int Length(string what)
        {
            var value = Varint(what);
            if (value > (ulong)(bytes.Length - at)) throw Problem($"claims {value} entries for {what} with {bytes.Length - at} bytes left");
            return (int)value;
        }

        /// <summary>A count of packed values (at least one bit each), no larger than the bits left of the record.</summary>
        public int PackedCount(string what)
        {
            var value = Varint(what);
            if (value > 8UL * (ulong)(bytes.Length - at)) throw Problem($"claims {value} entries for {what} with {bytes.Length - at} bytes left");
            return (int)value;
        }

        /// <summary>The width byte and the bytes of <paramref name="count"/> packed values.</summary>
        public BitReader Packed(int count, string what)
        {
            int width = Bytes(1, what)[0];
            if (width is < 1 or > 32) throw Problem($"has a bit width of {width} for {what} (1..32)");
            var slice = Bytes((int)(((long)count * width + 7) / 8), what);
            return new BitReader(slice, width);
        }

        public ReadOnlySpan<byte> Bytes(int length, string what)
        {
            if (length > bytes.Length - at) throw Problem($"ends inside {what}");
            var slice = bytes.Slice(at, length);
            at += length;
            return slice;
        }
    }
}
