from pathlib import PurePosixPath


def archive_members(path):
    try:
        with zipfile.ZipFile(path) as archive:
            parts = [PurePosixPath(info.filename).parts for info in archive.infolist() if not info.is_dir()]
    except zipfile.BadZipFile as error:
        raise ValueError(f"not a zip archive: {error}") from error
    if not parts or any(len(p) < 2 for p in parts) or len({p[0] for p in parts}) != 1:
        raise ValueError("the members do not all sit under one top-level folder")
    names = sorted("/".join(p[1:]) for p in parts)
    if "data.pkl" not in names:
        raise ValueError("no data.pkl in the top-level folder")
    return names
