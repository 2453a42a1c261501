namespace Botify.Lab.Training;

/// <summary>
/// A listener hears each further track of an artist within a session at <see cref="Factor"/> times the value
/// (the simulator's artist discount, 0.8): a play's time divided by Factor^(earlier plays of its artist in the
/// session, every history entry counted) estimates how well the track itself suited the session.
/// </summary>
public sealed class ArtistDiscount(Func<int, int> artistOf, double factor)
{
    /// <summary>The simulator's (and the course's) artist discount γ; `Lab train --artist-discount` defaults to it, 1 turns the undoing off.</summary>
    public const double DefaultFactor = 0.8;

    public double Factor { get; } = factor;

    /// <summary>
    /// The play's share undone of the discount (at most 1); counts the play into <paramref name="artists"/> (this session's plays per artist).
    /// </summary>
    public double Undo(int track, double time, List<(int Artist, int Plays)> artists)
    {
        var artist = artistOf(track);
        var at = -1;
        for (var j = 0; j < artists.Count; j++)
        {
            if (artists[j].Artist == artist)
            {
                at = j;
                break;
            }
        }

        var earlier = at < 0 ? 0 : artists[at].Plays;
        if (at < 0)
        {
            artists.Add((artist, 1));
        }
        else
        {
            artists[at] = (artist, earlier + 1);
        }

        return earlier == 0 ? time : Math.Min(1.0, time / Math.Pow(Factor, earlier));
    }
}
