namespace Botify.Lab.Training;

/// <summary>
/// DSGD strata of a matrix: the positives (edge indices in user order) of each (user block, track block),
/// user u in block u mod P, track i in block i mod P; and each track block's tracks, where negatives are drawn.
/// </summary>
internal sealed class Strata
{
    private readonly int[][] edges;
    private readonly int[][] items;
    private readonly int[] edgeUser;

    public Strata(InteractionMatrix m, int blocks)
    {
        Blocks = Math.Max(1, blocks);
        var lists = new List<int>[Blocks * Blocks];
        for (var k = 0; k < lists.Length; k++)
        {
            lists[k] = new List<int>();
        }

        edgeUser = new int[m.Count];
        for (var u = 0; u < m.Users; u++)
        {
            for (var k = m.UserOffsets[u]; k < m.UserOffsets[u + 1]; k++)
            {
                edgeUser[k] = u;
                lists[u % Blocks * Blocks + m.UserItems[k] % Blocks].Add(k);
            }
        }

        edges = new int[lists.Length][];
        for (var k = 0; k < lists.Length; k++)
        {
            edges[k] = lists[k].ToArray();
        }

        items = new int[Blocks][];
        for (var b = 0; b < Blocks; b++)
        {
            items[b] = new int[(m.Items - b + Blocks - 1) / Blocks];
            for (var k = 0; k < items[b].Length; k++)
            {
                items[b][k] = b + k * Blocks;
            }
        }
    }

    public int Blocks { get; }

    public int[] Edges(int userBlock, int itemBlock) => edges[userBlock * Blocks + itemBlock];

    public int[] Items(int itemBlock) => items[itemBlock];

    public int UserOf(int edge) => edgeUser[edge];
}
