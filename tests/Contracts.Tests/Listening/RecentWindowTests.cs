using Botify.Contracts.Listening;

namespace Botify.Contracts.Tests.Listening;

public sealed class RecentWindowTests
{
    [Fact]
    public void Keeps_the_last_values_oldest_first_and_stops_growing_at_the_limit()
    {
        var window = new RecentWindow<int>();
        for (var i = 0; i < 250; i++) window.Add(i, limit: 100);
        Assert.Equal(Enumerable.Range(150, 100), window);
        Assert.Equal(Enumerable.Range(150, 100), window.AsSpan().ToArray());
        Assert.Equal(100, window.Count);
    }

    [Fact]
    public void A_full_window_adds_without_allocating()
    {
        var window = new RecentWindow<int>();
        for (var i = 0; i < 100; i++) window.Add(i, limit: 100);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) window.Add(i, limit: 100);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_smaller_limit_than_the_stored_values_keeps_the_newest()
    {
        var window = new RecentWindow<int>([1, 2, 3, 4, 5, 6]);
        window.Add(7, limit: 3);
        Assert.Equal([5, 6, 7], window);
    }

    [Fact]
    public void Clear_empties_and_the_window_fills_again()
    {
        var window = new RecentWindow<SessionPlay>();
        window.Add(new SessionPlay(1, 0.5), limit: 4);
        window.Clear();
        Assert.Empty(window);
        window.Add(new SessionPlay(2, 0.25), limit: 4);
        Assert.Equal([new SessionPlay(2, 0.25)], window);
        Assert.Throws<ArgumentOutOfRangeException>(() => window[1]);
    }
}
