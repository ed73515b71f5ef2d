namespace Hilmo.Identity.Tests;

/// <summary>Runs one action on several threads released at the same moment, as processes starting together.</summary>
internal static class AtOnce
{
    public static T[] Run<T>(int starters, Func<T> action)
    {
        using var start = new Barrier(starters);
        var results = new T[starters];
        var threads = Enumerable.Range(0, starters).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            results[i] = action();
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return results;
    }
}
