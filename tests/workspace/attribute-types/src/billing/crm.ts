export function identify(_id: string, _attributes: object) {}
