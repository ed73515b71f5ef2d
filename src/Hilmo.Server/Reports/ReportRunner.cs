using System.Collections.Concurrent;
using Hilmo.Statistics;
using Hilmo.Statistics.Outputs;
using Microsoft.Extensions.Caching.Memory;

namespace Hilmo.Server.Reports;

/// <summary>
/// Every report the server computes goes through here: through the <see cref="ReportLimiter"/>,
/// and, for the public, through a cache of published answers. A public answer is a view of a
/// release's table, fixed once the release is made, so it is kept by (release asked, report,
/// period, breakdown, format, language) and a repeated request does no query and no disclosure
/// control; identical requests that arrive together compute it once. Reads of the entitled and
/// of the supervising authority (unsuppressed, audited) are never shared between callers.
/// </summary>
internal sealed class ReportRunner(RegisterServices register, ReportLimiter limiter, ServerOptions options) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.ReportCacheBytes) });
    private readonly ConcurrentDictionary<AnswerKey, Task<object>> computing = new();
    private long computations;

    /// <summary>Public answers computed (not found in the cache) since the start.</summary>
    public long Computations => Interlocked.Read(ref computations);

    /// <summary>A table for a page: the published one from the cache, any other through the limiter.</summary>
    /// <exception cref="ReportRequestException">The request cannot be answered as asked.</exception>
    /// <exception cref="ReportsBusyException">Too many reports at once.</exception>
    public Task<StatisticsTable> TableAsync(ReportRequest request, CancellationToken cancellationToken) =>
        Shareable(request)
            ? SharedAsync(AnswerKey.Of(request, null, ""), token => limiter.RunAsync(t => register.Statistics.RunAsync(request, t), token),
                table => (table.CellCount * table.Measures.Count * 24L) + 4096, cancellationToken)
            : limiter.RunAsync(token => register.Statistics.RunAsync(request, token), cancellationToken);

    /// <summary>A public request's answer in <paramref name="format"/> and <paramref name="language"/>, from the cache when it has been asked before.</summary>
    /// <exception cref="ReportRequestException">The request cannot be answered as asked.</exception>
    /// <exception cref="ReportsBusyException">Too many reports at once.</exception>
    public Task<TableAnswer> PublicAnswerAsync(ReportRequest request, StatisticsFormat format, string language, CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task<TableAnswer>> compute = token => limiter.RunAsync(async t =>
        {
            var table = await register.Statistics.RunAsync(request, t).ConfigureAwait(false);
            return await FormatAsync(table, format, language, t).ConfigureAwait(false);
        }, token);
        return Shareable(request)
            ? SharedAsync(AnswerKey.Of(request, format, language), compute, answer => answer.Bytes.LongLength + 256, cancellationToken)
            : compute(cancellationToken);
    }

    /// <summary>
    /// A public request the cache may answer. One with an as-of time or a provider is refused by
    /// the publication (400), and must be each time: it never shares a cached answer.
    /// </summary>
    private static bool Shareable(ReportRequest request) =>
        request is { Audience: ReportAudience.Public, AsOf: null, Provider: null };

    /// <summary>Any computation of the entitled or the authority, through the limiter, never cached.</summary>
    public Task<T> ComputeAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) => limiter.RunAsync(work, cancellationToken);

    public static async Task<TableAnswer> FormatAsync(StatisticsTable table, StatisticsFormat format, string language, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await TableWriter.WriteAsync(table, format, language, buffer, cancellationToken).ConfigureAwait(false);
        return new TableAnswer(buffer.ToArray(), table.Metadata.Updated);
    }

    /// <summary>
    /// The cached value of <paramref name="key"/>, or the one computation of it under way, or a
    /// new one. Should the caller computing it go away, another waiting caller computes it again;
    /// a refusal or failure is everyone's answer and is not kept.
    /// </summary>
    private async Task<T> SharedAsync<T>(AnswerKey key, Func<CancellationToken, Task<T>> compute, Func<T, long> size, CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            if (cache.TryGetValue(key, out T? hit) && hit is not null)
            {
                return hit;
            }

            var mine = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            var shared = computing.GetOrAdd(key, mine.Task);
            if (shared != mine.Task)
            {
                try
                {
                    return (T)await shared.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    continue;
                }
            }

            try
            {
                // Another caller may have finished it between the look in the cache and now.
                if (cache.TryGetValue(key, out hit) && hit is not null)
                {
                    mine.SetResult(hit);
                    return hit;
                }

                Interlocked.Increment(ref computations);
                var value = await compute(cancellationToken).ConfigureAwait(false);
                cache.Set(key, value, new MemoryCacheEntryOptions { Size = size(value) });
                mine.SetResult(value);
                return value;
            }
            catch (OperationCanceledException)
            {
                mine.SetCanceled(CancellationToken.None);
                throw;
            }
            catch (Exception exception)
            {
                mine.SetException(exception);
                _ = mine.Task.Exception;
                throw;
            }
            finally
            {
                computing.TryRemove(new KeyValuePair<AnswerKey, Task<object>>(key, mine.Task));
            }
        }
    }

    public void Dispose() => cache.Dispose();

    /// <summary>What makes two public requests the same answer; <c>Release</c> is the one asked for (empty: the latest), since a year's figures never change once a release publishes them.</summary>
    private sealed record AnswerKey(string Report, DateOnly From, DateOnly To, string By, string Release, StatisticsFormat? Format, string Language)
    {
        public static AnswerKey Of(ReportRequest request, StatisticsFormat? format, string language) => new(
            request.Report, request.Period.From, request.Period.To, string.Join(',', request.By), request.Release ?? "", format, language);
    }
}

/// <summary>A table written in one format and language, with the time its data was last updated (its Last-Modified).</summary>
internal sealed record TableAnswer(byte[] Bytes, DateTimeOffset Updated);
