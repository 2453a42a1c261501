using System.Globalization;
using System.Text;
using Botify.Lab.Analysis;

namespace Botify.Lab.Reports;

/// <summary>The A/B table as CSV (ab.csv), columns and number format as shared/reference/seminar_ab_table.csv.</summary>
public static class AbCsvWriter
{
    public const string Header = "treatment,metric,effect,upper,lower,control_mean,treatment_mean,significant";

    public static string Render(AbReport report)
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        foreach (var r in report.Rows)
        {
            text.Append(r.Treatment).Append(',')
                .Append(r.Metric).Append(',')
                .Append(F(r.Effect)).Append(',')
                .Append(F(r.Upper)).Append(',')
                .Append(F(r.Lower)).Append(',')
                .Append(F(r.ControlMean)).Append(',')
                .Append(F(r.TreatmentMean)).Append(',')
                .Append(r.Significant ? "True" : "False").Append('\n');
        }

        return text.ToString();
    }

    private static string F(double value) => double.IsNaN(value) ? "nan" : value.ToString("F6", CultureInfo.InvariantCulture);
}
