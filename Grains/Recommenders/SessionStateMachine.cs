namespace Botify.Grains.Recommenders;

/// <summary>
/// The seed's method switching, a pure function of (position, previous time): a play below
/// the method's threshold counts a failure, anything else resets the count; reaching the
/// method's back count moves to the next method of the cycle with the count reset.
/// </summary>
public sealed class SessionStateMachine
{
    private readonly string[] methods;
    private readonly double[] thresholds;
    private readonly int[] backCounts;
    private readonly int start;

    /// <summary>Builds the machine; throws <see cref="ArgumentException"/> naming the Botify:Session key to fix.</summary>
    public SessionStateMachine(SessionOptions options)
    {
        methods = options.Cycle.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (methods.Length == 0)
            throw new ArgumentException("Botify:Session:Cycle is empty; list the methods in order, e.g. \"lgcf,lfm,lgcf_m\"");
        if (methods.Distinct(StringComparer.Ordinal).Count() != methods.Length)
            throw new ArgumentException($"Botify:Session:Cycle \"{options.Cycle}\" lists a method twice; list each once");
        thresholds = new double[methods.Length];
        backCounts = new int[methods.Length];
        for (var i = 0; i < methods.Length; i++)
        {
            var m = methods[i];
            if (!options.Thresholds.TryGetValue(m, out thresholds[i]) || !(thresholds[i] >= 0 && thresholds[i] <= 1))
                throw new ArgumentException($"Botify:Session:Thresholds:{m} is missing or outside 0..1; set it for every method of the cycle");
            if (!options.BackCounts.TryGetValue(m, out backCounts[i]) || backCounts[i] < 1)
                throw new ArgumentException($"Botify:Session:BackCounts:{m} is missing or below 1; set it for every method of the cycle");
        }
        start = Array.IndexOf(methods, options.StartMethod);
        if (start < 0)
            throw new ArgumentException($"Botify:Session:StartMethod \"{options.StartMethod}\" is not in Botify:Session:Cycle \"{options.Cycle}\"");
    }

    /// <summary>The methods in cycle order.</summary>
    public IReadOnlyList<string> Methods => methods;

    /// <summary>Where a new user starts.</summary>
    public SessionPosition Start => new(methods[start], 0);

    /// <summary>Index of a method in the cycle, -1 when it is not one (e.g. state written under another configuration).</summary>
    public int IndexOf(string method)
    {
        for (var i = 0; i < methods.Length; i++)
        {
            if (string.Equals(methods[i], method, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    /// <summary>The position after a play of <paramref name="prevTime"/> under <paramref name="current"/>.</summary>
    public SessionPosition Advance(SessionPosition current, double prevTime)
    {
        var i = IndexOf(current.Method);
        // A method this configuration does not know restarts the cycle rather than failing the request.
        if (i < 0) (i, current) = (start, Start);
        var fails = prevTime < thresholds[i] ? current.FailCount + 1 : 0;
        return fails >= backCounts[i]
            ? new SessionPosition(methods[(i + 1) % methods.Length], 0)
            : new SessionPosition(methods[i], fails);
    }
}
