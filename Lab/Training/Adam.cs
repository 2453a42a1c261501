namespace Botify.Lab.Training;

/// <summary>Adam (Kingma &amp; Ba; β1 0.9, β2 0.999, ε 1e−8, as torch's defaults) over one dense parameter array.</summary>
internal sealed class Adam(int size, double learningRate, ParallelOptions parallel)
{
    private const float Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f;
    private const int Chunk = 1 << 14;
    private readonly float[] m = new float[size];
    private readonly float[] v = new float[size];
    private int step;

    public void Step(float[] parameters, float[] gradient)
    {
        step++;
        var lr = (float)(learningRate * Math.Sqrt(1 - Math.Pow(Beta2, step)) / (1 - Math.Pow(Beta1, step)));
        Parallel.For(0, (parameters.Length + Chunk - 1) / Chunk, parallel, c =>
        {
            var end = Math.Min(parameters.Length, (c + 1) * Chunk);
            for (var k = c * Chunk; k < end; k++)
            {
                var g = gradient[k];
                m[k] = Beta1 * m[k] + (1 - Beta1) * g;
                v[k] = Beta2 * v[k] + (1 - Beta2) * g * g;
                parameters[k] -= lr * m[k] / (MathF.Sqrt(v[k]) + Epsilon);
            }
        });
    }
}
