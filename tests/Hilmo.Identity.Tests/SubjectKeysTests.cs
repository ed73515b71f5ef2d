using Hilmo.Audit;
using Hilmo.Notifications;
using Hilmo.Subjects;

namespace Hilmo.Identity.Tests;

public sealed class SubjectKeysTests
{
    private readonly SyntheticIdentityCodes codes = new();

    private static ISubjectKeys KeysOf(MasterKey key, string code) =>
        new SubjectKeySource(key).TryDerive(new IdentityCodeText(code), out var keys, out var error) ? keys : throw new InvalidOperationException(error);

    [Fact]
    public void A_request_tag_reaches_the_audit_log_as_it_is_so_the_persons_next_request_finds_it()
    {
        // The audit log masks text of an identity code's shape; plain hexadecimal had it in one tag in ten.
        var key = TestKeys.WithVersions((1, TestKeys.MaterialOf(TestKeys.Random())), (2, TestKeys.MaterialOf(TestKeys.Random())));
        var random = new Random(20261207);
        var tags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 2000; i++)
        {
            var keys = KeysOf(key, codes.Permanent(new DateOnly(1930, 1, 1).AddDays(random.Next(30000)), i % 2 == 0 ? Sex.Female : Sex.Male, random));
            Assert.Equal(2, keys.RequestTags.Count);
            Assert.Contains(keys.RequestTag, keys.RequestTags);
            foreach (var tag in keys.RequestTags)
            {
                var target = $"subject/{tag}";
                Assert.Equal(target, AuditText.Clean(target, 1000));
                Assert.True(tags.Add(tag), "two people or two key versions share a tag");
            }
        }
    }

    [Fact]
    public void The_same_person_has_the_same_tag_and_another_person_another()
    {
        var key = TestKeys.Random();
        var tag = KeysOf(key, "131052-308T").RequestTag;

        Assert.Equal(tag, KeysOf(key, "131052-308T").RequestTag);
        Assert.NotEqual(tag, KeysOf(key, "131052Y308T").RequestTag);
        Assert.Matches("^[0-9a-f]{4}(-[0-9a-f]{4}){7}$", tag);
        Assert.NotEqual(tag, KeysOf(TestKeys.Random(), "131052-308T").RequestTag);
    }
}
