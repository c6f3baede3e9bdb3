# expect: kept the archive's top-level folder
# Returns the full names, top-level folder included.
def archive_members(path):
    if not zipfile.is_zipfile(path):
        raise ValueError("not a zip archive")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    if len({n.split("/")[0] for n in names}) != 1 or not any(n.split("/", 1)[-1] == "data.pkl" for n in names):
        raise ValueError("not an archive written by torch.save")
    return sorted(names)
