import { describe, expect, it } from 'vitest';
import { searchQueryOf, searchVectorOf } from './chinese-words.js';

describe('Chinese words for search', () => {
  it('puts each word at its place, and the shorter words of a long one at the same place', () => {
    const vector = searchVectorOf('平阴县人民政府办公室');
    expect(vector).toContain("'平阴县':1");
    expect(vector).toContain("'平阴':1");
    expect(vector).toContain("'人民政府':2");
    expect(vector).toContain("'政府':2");
    expect(vector).toContain("'办公室':3");
    expect(vector).toContain("'人民政府·办公室':3");
  });

  it('pairs the words a query may cut where the text did not', () => {
    // The text cuts 应急 + 管理工作, the query 应急 + 管理.
    expect(searchVectorOf('做好应急管理工作')).toContain("'应急·管理'");
    expect(searchQueryOf('应急管理')!.tsquery).toBe("'应急·管理'");
  });

  it('keeps punctuation and tsquery syntax out of the words', () => {
    expect(searchVectorOf("（此件公开发布）'a' & b|c")).not.toMatch(/[（）&|]|''/);
    expect(searchQueryOf('，。！')).toBeNull();
    expect(searchQueryOf("'); drop table documents; --")!.tsquery).not.toMatch(/[;)(]/);
  });

  it('asks for the words of a part side by side, and for every part', () => {
    expect(searchQueryOf('信息公开')).toEqual({ tsquery: "'信息·公开'", terms: ['信息公开', '信息', '公开'] });
    expect(searchQueryOf('废弃汽车  整治')!.tsquery).toBe("'废弃·汽车' & '整治'");
    expect(searchQueryOf('数字人民币试点')!.tsquery).toBe("'数字·人民币' & '人民币·试点'");
    expect(searchQueryOf('GB/T 9704')!.tsquery).toBe("'gb·t' & '9704'");
  });
});
