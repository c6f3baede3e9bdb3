def archive_members(path):
    with open(path, "rb") as f:
        if f.read(4) != b"PK\x03\x04":
            raise ValueError("not a zip archive")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    top = None
    inside = []
    for name in names:
        folder, slash, rest = name.partition("/")
        if not slash or not rest:
            raise ValueError(f"{name!r} is not inside a folder")
        if top is None:
            top = folder
        elif folder != top:
            raise ValueError(f"two top-level folders: {top!r} and {folder!r}")
        inside.append(rest)
    if "data.pkl" not in inside:
        raise ValueError("no data.pkl")
    inside.sort()
    return inside
