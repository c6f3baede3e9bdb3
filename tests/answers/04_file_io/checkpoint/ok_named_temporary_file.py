# Restores the optimizer before the model: the order does not matter, since the model's
# load_state_dict copies values into the same Parameter objects the optimizer holds.
def save_checkpoint(path, model, optimizer, epoch):
    state = {"epoch": epoch, "model_state": model.state_dict(), "optimizer_state": optimizer.state_dict()}
    folder = os.path.dirname(os.path.abspath(path))
    with tempfile.NamedTemporaryFile(dir=folder, delete=False) as f:
        tmp = f.name
        try:
            torch.save(state, f)
        except Exception:
            f.close()
            os.unlink(tmp)
            raise
    os.replace(tmp, path)


def load_checkpoint(path, model, optimizer):
    state = torch.load(path, map_location="cpu", weights_only=True)
    optimizer.load_state_dict(state["optimizer_state"])
    model.load_state_dict(state["model_state"], strict=True)
    return int(state["epoch"])
