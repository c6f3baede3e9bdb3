# expect: a zip with members under two top-level folders, but it returned
# Accepts any zip archive: no check for one top-level folder holding data.pkl.
def archive_members(path):
    if not zipfile.is_zipfile(path):
        raise ValueError("not a zip archive")
    with zipfile.ZipFile(path) as archive:
        return sorted(name.split("/", 1)[-1] for name in archive.namelist())
