using System.Globalization;

namespace Botify.Sim.World;

/// <summary>
/// The header dictionary of a NumPy <c>.npy</c> file — a Python literal such as
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (50000, 64), }</c> — with exactly the three keys NumPy writes
/// and reads. <see cref="Parse"/> takes the literal forms NumPy and hand-written files use (either quote, spaces, a
/// trailing comma, <c>(n,)</c> tuples); <see cref="Format"/> writes it as NumPy does.
/// </summary>
public sealed record NpyHeader(string Descr, bool FortranOrder, long[] Shape)
{
    /// <summary>The header dictionary as NumPy writes it (keys sorted, a trailing comma, no padding).</summary>
    public string Format() => $"{{'descr': '{Descr}', 'fortran_order': {(FortranOrder ? "True" : "False")}, 'shape': {ShapeText()}, }}";

    /// <summary>The shape as Python writes a tuple: <c>(50000, 64)</c>, <c>(7,)</c>, <c>()</c>.</summary>
    public string ShapeText() => Shape.Length == 1
        ? string.Create(CultureInfo.InvariantCulture, $"({Shape[0]},)")
        : $"({string.Join(", ", Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))})";

    /// <summary>Parses the dictionary; throws <see cref="FormatException"/> saying what is wrong with it.</summary>
    public static NpyHeader Parse(string text)
    {
        var reader = new LiteralReader(text);
        reader.Expect('{');
        string? descr = null;
        bool? fortran = null;
        long[]? shape = null;
        while (!reader.TryTake('}'))
        {
            var key = reader.String();
            reader.Expect(':');
            switch (key)
            {
                case "descr" when descr is null:
                    descr = reader.String();
                    break;
                case "fortran_order" when fortran is null:
                    fortran = reader.Boolean();
                    break;
                case "shape" when shape is null:
                    shape = reader.IntegerTuple();
                    break;
                case "descr" or "fortran_order" or "shape":
                    throw new FormatException($"the key '{key}' appears twice");
                default:
                    throw new FormatException($"unknown key '{key}' (NumPy writes only 'descr', 'fortran_order' and 'shape')");
            }
            if (reader.TryTake(',')) continue;
            reader.Expect('}', "',' or '}'");
            break;
        }
        reader.End();
        if (descr is null || fortran is null || shape is null)
        {
            throw new FormatException($"the key '{(descr is null ? "descr" : fortran is null ? "fortran_order" : "shape")}' is missing");
        }
        return new NpyHeader(descr, fortran.Value, shape);
    }

    /// <summary>A cursor over the literal: strings, True/False, tuples of non-negative integers and punctuation.</summary>
    private sealed class LiteralReader(string text)
    {
        private int position;

        public void Expect(char c, string? what = null)
        {
            if (!TryTake(c)) throw new FormatException($"expected {what ?? $"'{c}'"} at character {position + 1}, found {Found()}");
        }

        public bool TryTake(char c)
        {
            SkipSpaces();
            if (position < text.Length && text[position] == c)
            {
                position++;
                return true;
            }
            return false;
        }

        public string String()
        {
            SkipSpaces();
            if (position >= text.Length || text[position] is not ('\'' or '"'))
                throw new FormatException($"expected a quoted string at character {position + 1}, found {Found()}");
            var quote = text[position++];
            var end = text.IndexOf(quote, position);
            if (end < 0) throw new FormatException($"a string opened at character {position} is never closed");
            var value = text[position..end];
            position = end + 1;
            return value;
        }

        public bool Boolean()
        {
            SkipSpaces();
            if (Take("True")) return true;
            if (Take("False")) return false;
            throw new FormatException($"expected True or False at character {position + 1}, found {Found()}");
        }

        public long[] IntegerTuple()
        {
            if (!TryTake('(')) throw new FormatException($"expected a tuple such as (50000, 64) at character {position + 1}, found {Found()}");
            var values = new List<long>();
            while (!TryTake(')'))
            {
                SkipSpaces();
                var start = position;
                while (position < text.Length && char.IsAsciiDigit(text[position])) position++;
                if (position == start || !long.TryParse(text.AsSpan(start, position - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    throw new FormatException($"expected a non-negative integer in the shape at character {start + 1}, found {Found(start)}");
                if (position < text.Length && text[position] == 'L') position++; // Python 2's long suffix, as old files have it
                values.Add(value);
                if (!TryTake(',') && PeekAfterSpaces() != ')')
                    throw new FormatException($"expected ',' or ')' in the shape at character {position + 1}, found {Found()}");
            }
            return values.ToArray();
        }

        public void End()
        {
            SkipSpaces();
            if (position != text.Length) throw new FormatException($"unexpected {Found()} after the dictionary");
        }

        private bool Take(string word)
        {
            if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0) return false;
            position += word.Length;
            return true;
        }

        private char PeekAfterSpaces()
        {
            SkipSpaces();
            return position < text.Length ? text[position] : '\0';
        }

        private void SkipSpaces()
        {
            while (position < text.Length && text[position] is ' ' or '\t' or '\n' or '\r') position++;
        }

        private string Found(int at = -1)
        {
            if (at < 0) at = position;
            return at >= text.Length ? "the end of the header" : $"'{text[at..Math.Min(text.Length, at + 12)]}'";
        }
    }
}
