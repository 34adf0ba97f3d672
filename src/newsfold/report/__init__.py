"""What newsfold writes about a story: its brief and timeline, and the story as records, JSON and HTML."""
