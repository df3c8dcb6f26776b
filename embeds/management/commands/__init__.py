"""`refresh_embeds`: ask providers again whether archived posts still exist."""
